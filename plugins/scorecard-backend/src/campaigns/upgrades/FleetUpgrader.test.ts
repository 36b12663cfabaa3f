import { TestDatabases } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { DatabaseUpgradeStore } from './DatabaseUpgradeStore';
import {
  FleetUpgrader,
  RepositoryUpgrader,
  entityRepoUrl,
} from './FleetUpgrader';

jest.setTimeout(60_000);

const entity = (name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: {},
});

const fleet = [
  entity('a', { 'github.com/project-slug': 'acme/a' }),
  entity('b', { 'gitlab.com/project-slug': 'group/sub/b' }),
  entity('c', { 'github.com/project-slug': 'acme/c' }),
  entity('d', {}),
];

describe('entityRepoUrl', () => {
  it('builds the scaffolder repoUrl from the slug annotations', () => {
    const hosts = { github: 'github.com', gitlab: 'gitlab.com' };
    expect(entityRepoUrl(fleet[0], hosts)).toEqual({
      repoUrl: 'github.com?owner=acme&repo=a',
    });
    expect(entityRepoUrl(fleet[1], hosts)).toEqual({
      repoUrl: 'gitlab.com?owner=group%2Fsub&repo=b',
    });
    expect(entityRepoUrl(fleet[3], hosts)).toEqual({
      reason: expect.stringContaining('github.com/project-slug'),
    });
  });
});

describe('FleetUpgrader', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function storeFor(id: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(id);
    await knex.migrate.latest({
      directory: resolvePackagePath(
        '@paved-road/plugin-scorecard-backend',
        'migrations',
      ),
    });
    return new DatabaseUpgradeStore(knex);
  }

  it.each(databases.eachSupportedId())(
    'stores each state, resumes after a crash without redoing settled entities, %p',
    async databaseId => {
      const store = await storeFor(databaseId);
      const calls: string[] = [];
      let crashOn: string | undefined = 'github.com?owner=acme&repo=c';
      const upgrader: RepositoryUpgrader = {
        async upgrade({ repoUrl }) {
          calls.push(repoUrl);
          if (repoUrl === crashOn) throw new Error('process died');
          return {
            state: 'opened',
            repository: repoUrl,
            changeRequest: {
              number: calls.length,
              url: `https://x/${calls.length}`,
            },
            toVersion: '2.0.0',
          };
        },
      };
      const fleetUpgrader = new FleetUpgrader({ store, upgrader });
      const first = await fleetUpgrader.start(
        'camp',
        fleet,
        stringifyEntityRef,
      );
      expect(first.started).toBe(4);
      expect(fleetUpgrader.isRunning('camp')).toBe(true);
      await expect(
        fleetUpgrader.start('camp', fleet, stringifyEntityRef),
      ).rejects.toThrow(/already running/);
      await expect(first.done).rejects.toThrow('process died');
      expect(fleetUpgrader.isRunning('camp')).toBe(false);
      // a and b were stored before the crash on c; d never reached
      expect(
        (await store.list('camp')).map(u => [u.entityRef, u.state]),
      ).toEqual([
        ['component:default/a', 'opened'],
        ['component:default/b', 'opened'],
      ]);

      crashOn = undefined;
      calls.length = 0;
      const second = await fleetUpgrader.start(
        'camp',
        fleet,
        stringifyEntityRef,
      );
      expect(second.started).toBe(2);
      await second.done;
      expect(calls).toEqual(['github.com?owner=acme&repo=c']);
      const states = await store.list('camp');
      expect(states.map(u => [u.entityRef, u.state])).toEqual([
        ['component:default/a', 'opened'],
        ['component:default/b', 'opened'],
        ['component:default/c', 'opened'],
        ['component:default/d', 'failed'],
      ]);
      expect(states[0].changeRequest).toEqual({
        number: 1,
        url: 'https://x/1',
      });
      expect(states[3].reason).toMatch(/no 'github.com\/project-slug'/);

      // a third run retries only the failed entity
      calls.length = 0;
      const third = await fleetUpgrader.start(
        'camp',
        fleet,
        stringifyEntityRef,
      );
      expect(third.started).toBe(1);
      await third.done;
      expect(calls).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'retries failed and conflicting entities, bounded per run, %p',
    async databaseId => {
      const store = await storeFor(databaseId);
      const at = new Date('2026-12-05T00:00:00Z');
      await store.save(
        'camp',
        {
          entityRef: 'component:default/a',
          state: 'failed',
          repository: 'acme/a',
          reason: 'boom',
        },
        at,
      );
      await store.save(
        'camp',
        {
          entityRef: 'component:default/b',
          state: 'conflicts',
          repository: 'group/sub/b',
        },
        at,
      );
      await store.save(
        'camp',
        {
          entityRef: 'component:default/c',
          state: 'merged',
          repository: 'acme/c',
        },
        at,
      );
      const calls: string[] = [];
      const fleetUpgrader = new FleetUpgrader({
        store,
        maxPerRun: 1,
        upgrader: {
          async upgrade({ repoUrl }) {
            calls.push(repoUrl);
            return { state: 'up-to-date', repository: repoUrl };
          },
        },
      });
      const run = await fleetUpgrader.start(
        'camp',
        fleet.slice(0, 3),
        stringifyEntityRef,
      );
      expect(run.started).toBe(1);
      await run.done;
      expect(calls).toEqual(['github.com?owner=acme&repo=a']);
      const [a] = await store.list('camp');
      expect(a).toMatchObject({ state: 'up-to-date' });
      expect(a.reason).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps conflicts when the conflicting change request is still open on a rerun, %p',
    async databaseId => {
      const store = await storeFor(databaseId);
      await store.save(
        'camp',
        {
          entityRef: 'component:default/a',
          state: 'conflicts',
          repository: 'acme/a',
          changeRequest: { number: 7, url: 'https://x/7' },
          reason: 'Conflict markers in: package.json',
        },
        new Date('2026-12-05T00:00:00Z'),
      );
      const fleetUpgrader = new FleetUpgrader({
        store,
        upgrader: {
          async upgrade({ repoUrl }) {
            return { state: 'already-open', repository: repoUrl };
          },
        },
      });
      const run = await fleetUpgrader.start(
        'camp',
        fleet.slice(0, 2),
        stringifyEntityRef,
      );
      await run.done;
      const [a, b] = await store.list('camp');
      expect(a).toMatchObject({
        entityRef: 'component:default/a',
        state: 'conflicts',
        changeRequest: { number: 7, url: 'https://x/7' },
        reason: 'Conflict markers in: package.json',
      });
      // An entity that was not conflicting takes the upgrader's answer.
      expect(b).toMatchObject({
        entityRef: 'component:default/b',
        state: 'already-open',
      });
    },
  );
});
