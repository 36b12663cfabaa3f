import { hasNestedQuantifier } from './nestedQuantifier';

describe('hasNestedQuantifier', () => {
  it.each([
    '(a+)+',
    '^(a+)+$',
    '(a*)*',
    '(\\w+\\s?)*',
    '((ab)+c)+',
    '(a{1,})+',
    '(?:x+y)*',
    '(a+){2,}',
  ])('flags %s', source => expect(hasNestedQuantifier(source)).toBe(true));

  it.each([
    '^prod-.+$',
    '(eu|us)-prod',
    '(a+)',
    '(a)+',
    '[(a+)]+',
    '\\(a+\\)+',
    'prod(-\\d{1,3})?',
    '(a{2})+',
  ])('accepts %s', source => expect(hasNestedQuantifier(source)).toBe(false));
});
