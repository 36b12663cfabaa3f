import { mockServices } from '@backstage/backend-test-utils';
import { DoraProvider } from '@paved-road/plugin-dora-node';
import {
  DAY,
  HOUR,
  createDatabases,
  createService,
  deployment,
} from '../__testUtils__/fixtures';
import { DatabaseProviderStore } from './DatabaseProviderStore';
import { ProviderRunner } from './ProviderRunner';

const databases = createDatabases();

/** A provider that pages through days 0..4, one deployment a day, saving a
 * cursor after each; it can be told to crash after a given day. */
function pagingProvider(state: { crashAfterDay?: number; calls: number[] }) {
  const provider: DoraProvider = {
    id: 'paging',
    async sync({ ingest, cursors, countUnmatched }) {
      const start = Number((await cursors.get('repo-a')) ?? -1) + 1;
      for (let day = start; day <= 4; day++) {
        state.calls.push(day);
        await ingest([
          deployment(`p${day}`, day * DAY + HOUR, { source: 'paging' }),
        ]);
        await cursors.set('repo-a', String(day));
        if (state.crashAfterDay === day) {
          throw new Error(`upstream 503 after day ${day}`);
        }
      }
      countUnmatched(2);
    },
  };
  return provider;
}

describe('ProviderRunner', () => {
  it.each(databases.eachSupportedId())(
    'resumes from the saved cursor after a crash, with no gap and no duplicate, on %p',
    async id => {
      const { service, knex } = await createService(databases, id);
      const store = await DatabaseProviderStore.create({
        database: { getClient: async () => knex },
      });
      const state: { crashAfterDay?: number; calls: number[] } = {
        crashAfterDay: 1,
        calls: [],
      };
      const provider = pagingProvider(state);
      const runner = new ProviderRunner({
        providers: () => [provider],
        store,
        ingest: body => service.ingest(body),
        logger: mockServices.logger.mock(),
      });

      await runner.run(provider, new AbortController().signal);
      const [crashed] = await runner.status();
      expect(crashed).toMatchObject({
        id: 'paging',
        lastError: 'upstream 503 after day 1',
        lastRun: { accepted: 2, updated: 0, unmatched: 0 },
        runs: 1,
        failedRuns: 1,
        cursors: [{ scope: 'repo-a', cursor: '1' }],
      });

      state.crashAfterDay = undefined;
      await runner.run(provider, new AbortController().signal);
      const [resumed] = await runner.status();

      expect(state.calls).toEqual([0, 1, 2, 3, 4]);
      expect(resumed).toMatchObject({
        lastError: null,
        lastRun: { accepted: 3, updated: 0, unmatched: 2 },
        runs: 2,
        failedRuns: 1,
        cursors: [{ scope: 'repo-a', cursor: '4' }],
      });
      const rows = await knex('dora_deployments').where({ source: 'paging' });
      expect(rows.map(r => r.external_id).sort()).toEqual([
        'p0',
        'p1',
        'p2',
        'p3',
        'p4',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'records an invalid batch as the run error and stores none of it, on %p',
    async id => {
      const { service, knex } = await createService(databases, id);
      const store = await DatabaseProviderStore.create({
        database: { getClient: async () => knex },
      });
      const provider: DoraProvider = {
        id: 'broken',
        async sync({ ingest }) {
          await ingest([
            deployment('ok', HOUR, { source: 'broken' }),
            deployment('bad', HOUR, {
              source: 'broken',
              finishedAt: 'yesterday',
            }),
          ]);
        },
      };
      const runner = new ProviderRunner({
        providers: () => [provider],
        store,
        ingest: body => service.ingest(body),
        logger: mockServices.logger.mock(),
      });

      await runner.run(provider, new AbortController().signal);

      const [status] = await runner.status();
      expect(status.lastError).toContain('events[1].finishedAt');
      expect(
        await knex('dora_deployments').where({ source: 'broken' }),
      ).toEqual([]);
    },
  );
});
