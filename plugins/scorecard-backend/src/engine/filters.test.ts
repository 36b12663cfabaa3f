import { Entity } from '@backstage/catalog-model';
import { compileFilter } from './filters';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    tags: ['node', 'payments'],
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments' },
};

describe('compileFilter', () => {
  it('applies to every entity without a filter', () => {
    expect(compileFilter(undefined)(entity)).toBe(true);
    expect(compileFilter({})(entity)).toBe(true);
  });

  it.each([
    [{ kind: ['component'] }, true],
    [{ kind: ['API', 'System'] }, false],
    [{ type: ['service', 'website'] }, true],
    [{ type: ['library'] }, false],
    [{ lifecycle: ['Production'] }, true],
    [{ lifecycle: ['experimental'] }, false],
    [{ tag: ['python', 'payments'] }, true],
    [{ tag: ['python'] }, false],
    [{ owner: ['group:default/payments'] }, true],
    [{ owner: ['payments'] }, true],
    [{ owner: ['group:default/checkout'] }, false],
    [
      {
        kind: ['component'],
        type: ['service'],
        owner: ['user:default/payments'],
      },
      false,
    ],
    [
      { kind: ['component'], type: ['service'], lifecycle: ['production'] },
      true,
    ],
  ])('%j applies: %s', (filter, applies) => {
    expect(compileFilter(filter)(entity)).toBe(applies);
  });

  it('does not match owners or types on entities that lack them', () => {
    const bare: Entity = { ...entity, spec: {} };
    expect(compileFilter({ owner: ['payments'] })(bare)).toBe(false);
    expect(compileFilter({ type: ['service'] })(bare)).toBe(false);
  });
});
