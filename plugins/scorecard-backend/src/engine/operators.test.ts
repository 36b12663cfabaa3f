import { CheckOperator } from '@paved-road/plugin-scorecard-common';
import { applyOperator } from './operators';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const run = (operator: CheckOperator, value: unknown, observed: unknown) =>
  applyOperator(
    {
      operator,
      value,
      fact: 'catalog:x',
      pattern: operator === 'matches' ? new RegExp(String(value)) : undefined,
    },
    observed,
    NOW,
  );

describe('applyOperator', () => {
  it.each<[CheckOperator, unknown, unknown, boolean]>([
    ['exists', undefined, 'group:default/a', true],
    ['exists', undefined, undefined, false],
    ['exists', undefined, '', false],
    ['exists', undefined, [], false],
    ['exists', undefined, 0, true],
    ['exists', undefined, false, true],
    ['exists', false, undefined, true],
    ['exists', false, 'x', false],
    ['eq', 'production', 'production', true],
    ['eq', 'production', 'Production', false],
    ['eq', 3, '3', true],
    ['eq', true, 'true', true],
    ['eq', 'elite', ['high', 'elite'], true],
    ['eq', 'x', undefined, false],
    ['neq', 'deprecated', 'production', true],
    ['neq', 'deprecated', 'deprecated', false],
    ['neq', 'deprecated', undefined, false],
    ['gt', 1, 2, true],
    ['gt', 2, 2, false],
    ['gte', 2, 2, true],
    ['gte', 2, '2.5', true],
    ['gte', 2, 1, false],
    ['lt', 0.15, 0.1, true],
    ['lt', 0.15, 0.15, false],
    ['lte', 0.15, 0.15, true],
    ['lte', 0.15, 0.2, false],
    ['gt', 1, 'many', false],
    ['gt', 1, undefined, false],
    ['in', ['elite', 'high'], 'high', true],
    ['in', ['elite', 'high'], 'low', false],
    ['in', ['a', 'b'], ['c', 'b'], true],
    ['in', [1, 2], '2', true],
    ['matches', '^group:', 'group:default/a', true],
    ['matches', '^group:', 'user:default/a', false],
    ['matches', '^v', ['x', 'v1'], true],
    ['matches', '^v', 42, false],
    ['withinDays', 30, '2026-11-01T00:00:00Z', true],
    ['withinDays', 30, '2026-10-01T00:00:00Z', false],
    ['withinDays', 30, NOW - 5 * 86_400_000, true],
    ['withinDays', 30, new Date(NOW - 31 * 86_400_000), false],
    ['withinDays', 30, 'yesterday', false],
  ])('%s %j on %j passes: %s', (operator, value, observed, passed) => {
    expect(run(operator, value, observed).passed).toBe(passed);
  });

  it('keeps a readable message with the observed and expected values', () => {
    expect(run('gte', 3, 2).message).toBe('2 is not at least 3');
    expect(run('in', ['elite', 'high'], 'high').message).toBe(
      "'high' is one of 'elite', 'high'",
    );
    expect(run('exists', undefined, undefined).message).toBe(
      "No value for 'catalog:x'",
    );
    expect(run('gt', 1, 'many').message).toBe(
      "Expected a number greater than 1, found 'many'",
    );
    expect(run('withinDays', 30, '2026-11-12T12:00:00Z').message).toBe(
      '2026-11-12T12:00:00Z is 10 days ago (limit 30)',
    );
  });
});
