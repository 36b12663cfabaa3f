import { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { doraEntityCard, doraSloEntityCard } from './alpha';

const { filterFunction, filterExpression } = EntityCardBlueprint.dataRefs;

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'payments' },
});

const KINDS = ['Component', 'component', 'Group', 'API'];

let warn: jest.SpyInstance;

/**
 * Which of KINDS a card's filter shows it on, its string filter if any, and
 * the deprecation warnings logged while it was created.
 */
function verdicts(
  filter: ((entity: Entity) => boolean) | undefined,
  expression: string | undefined,
) {
  return {
    expression,
    shown: KINDS.map(kind => filter?.(entity(kind))),
    deprecations: warn.mock.calls.filter(c =>
      String(c[0]).includes('DEPRECATION'),
    ),
  };
}

// Components only, through an entity predicate, not a (deprecated) string.
const COMPONENTS_ONLY = {
  expression: undefined,
  shown: [true, true, false, false],
  deprecations: [],
};

describe('entity cards', () => {
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => warn.mockRestore());

  it('the DORA card shows on components only', () => {
    const tester = createExtensionTester(doraEntityCard);
    expect(
      verdicts(tester.get(filterFunction), tester.get(filterExpression)),
    ).toEqual(COMPONENTS_ONLY);
  });

  it('the SLO card shows on components only', () => {
    const tester = createExtensionTester(doraSloEntityCard);
    expect(
      verdicts(tester.get(filterFunction), tester.get(filterExpression)),
    ).toEqual(COMPONENTS_ONLY);
  });
});
