/*
 * SLO benchmark: stores 50,000 incidents over 2,000 entities through the
 * DORA store, then
 *  1. computes the SLO status of every entity live (30-day availability
 *     from incident downtime, burn rates, multi-window status), as the
 *     scheduled refresh does, through the SLO service;
 *  2. runs the scheduled refresh once (snapshots + daily history);
 *  3. reads every entity's SLO status from the snapshots, as GET /slos and
 *     the scorecard's `slo` facts do: one call per entity (8 at a time,
 *     visibility check against an in-memory catalog), and in bulk as
 *     GET /slos/by-entity does (4 calls of 500 refs).
 * HTTP excluded. Each figure is printed with the 1-minute load average.
 * Not part of the unit tests.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/slo/bench.ts [--db=sqlite,pg] [--concurrency=8]
 *
 * PostgreSQL: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (a
 * throwaway database is created and dropped); SQLite in memory.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import knexFactory, { Knex } from 'knex';
import os from 'node:os';
import { DatabaseDoraStore } from '../../plugins/dora-backend/src/database/DatabaseDoraStore';
import { readDoraConfig } from '../../plugins/dora-backend/src/service/config';
import { DefaultDoraService } from '../../plugins/dora-backend/src/service/DefaultDoraService';
import { DatabaseSloIncidents } from '../../plugins/dora-backend/src/slo/DatabaseSloIncidents';
import { DefaultSloService } from '../../plugins/dora-backend/src/slo/DefaultSloService';
import { DatabaseSloSnapshots } from '../../plugins/dora-backend/src/slo/DatabaseSloSnapshots';
import { SloDefinitionReader } from '../../plugins/dora-backend/src/slo/SloDefinitionReader';
import { SloSnapshotRefresher } from '../../plugins/dora-backend/src/slo/SloSnapshotRefresher';
import { SloSnapshotService } from '../../plugins/dora-backend/src/slo/SloSnapshotService';

const arg = (name: string, fallback: string) =>
  process.argv.find(a => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const DBS = arg('db', 'sqlite,pg').split(',');
const CONCURRENCY = Number(arg('concurrency', '8'));
const ENTITIES = 2000;
const INCIDENTS = 50_000;
const DAY = 86_400_000;
const NOW = Date.now();
const ref = (i: number) => `component:default/service-${i}`;
const load = () => `load ${os.loadavg()[0].toFixed(2)}`;

/** Median of `runs` timings of `fn`, in ms. */
async function timed(runs: number, fn: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

let seed = 7;
const random = () => {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
};

const OPENSLO = `apiVersion: openslo/v1
kind: SLO
metadata: { name: availability }
spec:
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 30d, isRolling: true }]
  objectives: [{ target: 0.995 }]
  indicator:
    metadata: { name: incident-free }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: paved-road-incidents } }
        total: { metricSource: { type: paved-road-incidents } }
`;

async function connect(
  db: string,
): Promise<{ knex: Knex; drop: () => Promise<void> }> {
  if (db === 'sqlite') {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    return { knex, drop: () => knex.destroy() };
  }
  const base = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!base)
    throw new Error('Set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING');
  const name = `slo_bench_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: base });
  await admin.raw(`CREATE DATABASE ${name}`);
  const knex = knexFactory({
    client: 'pg',
    connection: `${base.replace(/\/$/, '')}/${name}`,
    pool: { min: 0, max: CONCURRENCY },
  });
  return {
    knex,
    drop: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE ${name}`);
      await admin.destroy();
    },
  };
}

async function run(db: string) {
  const { knex, drop } = await connect(db);
  try {
    const database = { getClient: async () => knex };
    const config = readDoraConfig(new ConfigReader({}));
    const store = await DatabaseDoraStore.create({
      database,
      isProduction: env => config.production.matches(env),
      productionSignature: config.production.signature,
    });
    const dora = DefaultDoraService.create({
      store,
      catalog: {} as any,
      config,
    });
    // A year of incidents, 10 minutes to 6 hours long; the last week's are
    // sometimes still open.
    const events = Array.from({ length: INCIDENTS }, (_, i) => {
      const openedAt = NOW - Math.floor(random() * 365 * DAY);
      const open = openedAt > NOW - 7 * DAY && random() < 0.3;
      return {
        kind: 'incident',
        source: 'bench',
        id: `i${i}`,
        entityRef: ref(i % ENTITIES),
        openedAt: new Date(openedAt).toISOString(),
        resolvedAt: open
          ? null
          : new Date(
              openedAt + 600_000 + Math.floor(random() * 6 * 3_600_000),
            ).toISOString(),
        severity: 'sev2',
      };
    });
    for (let i = 0; i < events.length; i += 5000) {
      await dora.ingest({ events: events.slice(i, i + 5000) });
    }

    const entities = new Map<string, Entity>(
      Array.from({ length: ENTITIES }, (_, i) => [
        ref(i),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: `service-${i}` },
          spec: {},
        },
      ]),
    );
    const incidents = await DatabaseSloIncidents.create({ database });
    const reader = SloDefinitionReader.fromConfig(
      new ConfigReader({
        dora: {
          slo: {
            definitions: [...entities.keys()].map(entityRef => ({
              entityRef,
              openslo: OPENSLO,
            })),
          },
        },
      }),
      { urlReader: {} as any }, // definitions come from config
    );
    const logger = { warn: console.warn, info: () => {} } as any;
    const compute = DefaultSloService.create({
      getEntity: async entityRef => entities.get(entityRef),
      reader,
      sources: { incidents: request => incidents.list(request) },
      logger,
    });
    // An in-memory catalog that sees every entity (no HTTP).
    const catalog = {
      getEntityByRef: async (entityRef: string) => entities.get(entityRef),
      getEntitiesByRefs: async (req: { entityRefs: string[] }) => ({
        items: req.entityRefs.map(r => entities.get(r)),
      }),
      getEntities: async () => ({ items: [] }),
    } as any;
    const credentials = mockCredentials.user();
    const refs = [...entities.keys()];
    const statuses: Record<string, number> = {};
    const perEntity = async (
      read: (entityRef: string) => Promise<{ slos: Array<{ status: string }> }>,
    ) => {
      for (const k of Object.keys(statuses)) delete statuses[k];
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < refs.length) {
            const result = await read(refs[next++]);
            const status = result.slos[0]?.status ?? 'none';
            statuses[status] = (statuses[status] ?? 0) + 1;
          }
        }),
      );
    };

    // 1. Live, as before snapshots (and as each refresh still does).
    const live = (entityRef: string) =>
      compute.getEntitySlos({ entityRef, credentials });
    await perEntity(live); // warm-up
    const liveMs = await timed(1, () => perEntity(live));
    console.log(
      `${db}: live SLO status of ${ENTITIES} entities in ${liveMs.toFixed(
        0,
      )} ms ` +
        `(concurrency ${CONCURRENCY}; statuses ${JSON.stringify(
          statuses,
        )}; ${load()})`,
    );

    // 2. One scheduled refresh.
    const snapshots = await DatabaseSloSnapshots.create({ database });
    const refresher = SloSnapshotRefresher.create({
      catalog,
      auth: { getOwnServiceCredentials: async () => credentials } as any,
      compute,
      configuredEntityRefs: () => reader.configuredEntityRefs(),
      store: snapshots,
      logger,
      concurrency: 4,
    });
    const refreshMs = await timed(1, () => refresher.run());
    console.log(
      `${db}: scheduled refresh of ${ENTITIES} entities (snapshots + history) in ${refreshMs.toFixed(
        0,
      )} ms (${load()})`,
    );

    // 3. Reads from the snapshots.
    const slos = SloSnapshotService.create({
      catalog,
      compute,
      store: snapshots,
    });
    const stored = (entityRef: string) =>
      slos.getEntitySlos({ entityRef, credentials });
    await perEntity(stored); // warm-up
    const storedMs = await timed(5, () => perEntity(stored));
    console.log(
      `${db}: SLO status of ${ENTITIES} entities from snapshots, one call each, in ${storedMs.toFixed(
        0,
      )} ms ` +
        `(median of 5; target <= 50 ms; concurrency ${CONCURRENCY}; statuses ${JSON.stringify(
          statuses,
        )}; ${load()})`,
    );
    const bulk = async () => {
      let items = 0;
      for (let i = 0; i < refs.length; i += 500) {
        const res = await slos.getSlosByEntity({
          subject: { entityRefs: refs.slice(i, i + 500) },
          credentials,
        });
        items += res.items.length;
      }
      if (items !== ENTITIES) throw new Error(`bulk read ${items} items`);
    };
    await bulk(); // warm-up
    const bulkMs = await timed(5, bulk);
    console.log(
      `${db}: SLO status of ${ENTITIES} entities from snapshots, 4 bulk calls of 500, in ${bulkMs.toFixed(
        0,
      )} ms ` + `(median of 5; target <= 50 ms; ${load()})`,
    );
  } finally {
    await drop();
  }
}

(async () => {
  for (const db of DBS) {
    await run(db);
  }
})().catch(e => {
  console.error(e);
  process.exit(1);
});
