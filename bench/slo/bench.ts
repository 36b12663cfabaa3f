/*
 * SLO benchmark: stores 50,000 incidents over 2,000 entities through the
 * DORA store, then computes the SLO status of every entity (30-day
 * availability from incident downtime, burn rates, multi-window status)
 * through the SLO service, as GET /api/dora/slos does (HTTP excluded).
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
import { DatabaseDoraStore } from '../../plugins/dora-backend/src/database/DatabaseDoraStore';
import { readDoraConfig } from '../../plugins/dora-backend/src/service/config';
import { DefaultDoraService } from '../../plugins/dora-backend/src/service/DefaultDoraService';
import { DatabaseSloIncidents } from '../../plugins/dora-backend/src/slo/DatabaseSloIncidents';
import { DefaultSloService } from '../../plugins/dora-backend/src/slo/DefaultSloService';
import { SloDefinitionReader } from '../../plugins/dora-backend/src/slo/SloDefinitionReader';

const arg = (name: string, fallback: string) =>
  process.argv.find(a => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const DBS = arg('db', 'sqlite,pg').split(',');
const CONCURRENCY = Number(arg('concurrency', '8'));
const ENTITIES = 2000;
const INCIDENTS = 50_000;
const DAY = 86_400_000;
const NOW = Date.now();
const ref = (i: number) => `component:default/service-${i}`;

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
    const slos = DefaultSloService.create({
      getEntity: async entityRef => entities.get(entityRef),
      reader: SloDefinitionReader.fromConfig(
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
      ),
      sources: { incidents: request => incidents.list(request) },
      logger: { warn: console.warn } as any,
    });
    const credentials = mockCredentials.user();
    const refs = [...entities.keys()];
    const statuses: Record<string, number> = {};
    const compute = async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < refs.length) {
            const entityRef = refs[next++];
            const result = await slos.getEntitySlos({ entityRef, credentials });
            const status = result.slos[0]?.status ?? 'none';
            statuses[status] = (statuses[status] ?? 0) + 1;
          }
        }),
      );
    };
    await compute(); // warm-up
    for (const k of Object.keys(statuses)) delete statuses[k];
    const t0 = process.hrtime.bigint();
    await compute();
    const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(
      `${db}: SLO status of ${ENTITIES} entities in ${elapsed.toFixed(0)} ms ` +
        `(target <= 1000 ms; concurrency ${CONCURRENCY}; statuses ${JSON.stringify(
          statuses,
        )})`,
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
