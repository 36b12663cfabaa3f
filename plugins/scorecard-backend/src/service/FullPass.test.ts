import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { component, testConfig } from '../__testUtils__/fixtures';
import { DatabaseScorecardStore } from '../database/DatabaseScorecardStore';
import { ScorecardEngine } from '../engine/ScorecardEngine';
import { CatalogFactProvider } from '../facts/CatalogFactProvider';
import { ScorecardFactProvider } from '@paved-road/plugin-scorecard-node';
import { FullPass } from './FullPass';

jest.setTimeout(60_000);

describe('FullPass', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'evaluates every entity page by page and drops entities gone from the catalog, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseScorecardStore.create({
        database: { getClient: async () => knex },
      });
      const config = testConfig();
      const goldenPath: ScorecardFactProvider = {
        id: 'golden-path',
        loadFacts: async () => new Map(),
      };
      const engine = ScorecardEngine.create({
        ...config,
        providers: new Map<string, ScorecardFactProvider>([
          ['catalog', new CatalogFactProvider()],
          ['golden-path', goldenPath],
        ]),
      });
      const pass = (entities: Entity[]) =>
        new FullPass({
          engine,
          store,
          catalog: catalogServiceMock({ entities }),
          auth: mockServices.auth(),
          logger: mockServices.logger.mock(),
          kinds: ['component'],
          retentionDays: 90,
          pageSize: 2,
        }).run();

      const many = ['a', 'b', 'c', 'd', 'e'].map(n => component(n));
      expect(await pass([...many, { ...component('x'), kind: 'API' }])).toEqual(
        { evaluated: 5, removed: 0, pruned: 0, expired: 0 },
      );
      expect((await store.listRollupRows({})).length).toBe(5);

      expect(await pass(many.slice(0, 2))).toEqual({
        evaluated: 2,
        removed: 3,
        pruned: 0,
        expired: 0,
      });
      expect((await store.listRollupRows({})).map(r => r.entityRef)).toEqual([
        'component:default/a',
        'component:default/b',
      ]);
      expect(await store.getResult('component:default/e')).toBeUndefined();
    },
  );
});
