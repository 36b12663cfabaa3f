import { ConfigReader } from '@backstage/config';
import {
  DAY,
  T0,
  createDatabases,
  deployment,
  incident,
} from '../__testUtils__/fixtures';
import { parseEvents } from '../service/parseEvents';
import { readDoraConfig } from '../service/config';
import { DatabaseDoraStore } from './DatabaseDoraStore';

jest.setTimeout(120_000);

const databases = createDatabases();
const refs = ['component:default/a', 'component:default/b'];

describe.each(databases.eachSupportedId())('RollupWarmer on %p', id => {
  async function setup(warm: boolean) {
    const knex = await databases.init(id);
    const config = readDoraConfig(new ConfigReader({}));
    const store = await DatabaseDoraStore.create({
      database: { getClient: async () => knex },
      isProduction: env => config.production.matches(env),
      productionSignature: config.production.signature,
      warmRollups: warm ? { debounceMs: 20 } : undefined,
    });
    let rollupWrites = 0;
    knex.on('query', (q: { sql: string }) => {
      if (/insert into "?dora_rollups"?/i.test(q.sql)) rollupWrites++;
    });
    const push = async (events: object[]) =>
      store.ingest(parseEvents({ events }));
    const ownerQuery = () =>
      store.getFiguresFromRollups({
        entityRefs: refs,
        from: T0 - 60 * DAY,
        to: T0 + 60 * DAY,
        scope: { type: 'production' },
      });
    return { knex, store, push, ownerQuery, writes: () => rollupWrites };
  }

  const events = [
    deployment('a1', -40 * DAY),
    deployment('a2', 0, { entityRef: refs[0] }),
    deployment('b1', 35 * DAY, { entityRef: refs[1] }),
    incident('i1', DAY, 2 * DAY),
  ];

  it('builds the rollups an owner query needs after a push, so the query builds none', async () => {
    const { store, push, ownerQuery, writes } = await setup(true);
    await push(events);
    await store.rollupsSettled();
    const built = writes();
    expect(built).toBeGreaterThan(0);

    const figures = await ownerQuery();
    expect(writes()).toBe(built);
    expect(figures.deployments).toBe(3);
    expect(figures.restore.samples).toBe(1);

    // A later push makes a month stale: rebuilt in the background too.
    await push([deployment('a3', DAY, { entityRef: refs[0] })]);
    await store.rollupsSettled();
    const rebuilt = writes();
    expect(rebuilt).toBeGreaterThan(built);
    expect((await ownerQuery()).deployments).toBe(4);
    expect(writes()).toBe(rebuilt);
    await store.stop();
  });

  it('without it, the owner query builds them (the round-1 behaviour)', async () => {
    const { store, push, ownerQuery, writes } = await setup(false);
    await push(events);
    await store.rollupsSettled();
    expect(writes()).toBe(0);
    expect((await ownerQuery()).deployments).toBe(3);
    expect(writes()).toBeGreaterThan(0);
  });

  it('stops: nothing is built after stop()', async () => {
    const { store, push, writes } = await setup(true);
    await store.stop();
    await push(events);
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(writes()).toBe(0);
  });
});
