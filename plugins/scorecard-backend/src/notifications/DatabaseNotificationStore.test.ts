import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { DatabaseScorecardStore } from '../database/DatabaseScorecardStore';
import { DatabaseNotificationStore } from './DatabaseNotificationStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const T0 = new Date('2026-12-04T08:00:00.000Z');

async function stores(id: TestDatabaseId) {
  const database = mockServices.database({ knex: await databases.init(id) });
  return {
    notifications: await DatabaseNotificationStore.create({ database }),
    scorecards: await DatabaseScorecardStore.create({ database }),
  };
}

describe.each(databases.eachSupportedId())(
  'DatabaseNotificationStore on %p',
  id => {
    it('lets exactly one of many concurrent callers claim a key', async () => {
      const { notifications } = await stores(id);
      const claims = await Promise.all(
        Array.from({ length: 5 }, () =>
          notifications.claim('level-drop|x', 'level-drop', T0),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await notifications.claim('level-drop|x', 'level-drop', T0)).toBe(
        false,
      );
      await notifications.release('level-drop|x');
      expect(await notifications.claim('level-drop|x', 'level-drop', T0)).toBe(
        true,
      );
    });

    it('purges records older than a time', async () => {
      const { notifications } = await stores(id);
      await notifications.claim('old', 'level-drop', T0);
      await notifications.claim(
        'new',
        'level-drop',
        new Date(T0.getTime() + 1000),
      );
      expect(await notifications.purge(new Date(T0.getTime() + 500))).toBe(1);
      expect(await notifications.claim('old', 'level-drop', T0)).toBe(true);
      expect(await notifications.claim('new', 'level-drop', T0)).toBe(false);
    });

    it('reads stored levels with their evaluation time', async () => {
      const { notifications, scorecards } = await stores(id);
      await scorecards.saveResults([
        {
          kind: 'component',
          namespace: 'default',
          name: 'a',
          owner: 'group:default/team',
          scorecard: {
            entityRef: 'component:default/a',
            evaluatedAt: T0.toISOString(),
            score: 80,
            level: { id: 'silver', title: 'Silver' },
            nextLevel: null,
            checks: [],
          },
        },
      ]);
      const levels = await notifications.storedLevels([
        'component:default/a',
        'component:default/unknown',
      ]);
      expect([...levels]).toEqual([
        [
          'component:default/a',
          { levelId: 'silver', evaluatedAt: T0.getTime() },
        ],
      ]);
    });

    it('records the last version seen per archetype', async () => {
      const { notifications } = await stores(id);
      expect(await notifications.recordedVersions()).toEqual(new Map());
      await notifications.recordVersion('node-service', '1.1.0', T0);
      await notifications.recordVersion('node-service', '1.2.0', T0);
      await notifications.recordVersion('python-service', '1.0.0', T0);
      expect(await notifications.recordedVersions()).toEqual(
        new Map([
          ['node-service', '1.2.0'],
          ['python-service', '1.0.0'],
        ]),
      );
    });
  },
);
