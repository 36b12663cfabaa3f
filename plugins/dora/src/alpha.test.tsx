import { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { doraEntityCard, doraSloEntityCard } from './alpha';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'payments' },
});

// Each card's filter outputs; the two cards' definitions have different types.
const filtersOf = {
  DORA: () => {
    const tester = createExtensionTester(doraEntityCard);
    return {
      fn: tester.get(EntityCardBlueprint.dataRefs.filterFunction),
      expression: tester.get(EntityCardBlueprint.dataRefs.filterExpression),
    };
  },
  SLO: () => {
    const tester = createExtensionTester(doraSloEntityCard);
    return {
      fn: tester.get(EntityCardBlueprint.dataRefs.filterFunction),
      expression: tester.get(EntityCardBlueprint.dataRefs.filterExpression),
    };
  },
};

describe.each(['DORA', 'SLO'] as const)('the %s entity card', name => {
  it('shows on components only, through an entity predicate (no deprecated string filter)', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const { fn: filter, expression } = filtersOf[name]();
      expect(expression).toBe(undefined);
      expect(filter?.(entity('Component'))).toBe(true);
      expect(filter?.(entity('component'))).toBe(true);
      expect(filter?.(entity('Group'))).toBe(false);
      expect(filter?.(entity('API'))).toBe(false);
      expect(warn).not.toHaveBeenCalledWith(
        expect.stringContaining('DEPRECATION'),
      );
    } finally {
      warn.mockRestore();
    }
  });
});
