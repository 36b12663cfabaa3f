import { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { scorecardEntityCard } from './alpha';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'payments' },
});

describe('the scorecard entity card', () => {
  it('shows on components only, through an entity predicate (no deprecated string filter)', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const tester = createExtensionTester(scorecardEntityCard);
      const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
      expect(tester.get(EntityCardBlueprint.dataRefs.filterExpression)).toBe(
        undefined,
      );
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
