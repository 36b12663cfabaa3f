import {
  mockCredentials,
  TestDatabases,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { DatabaseDoraStore } from '../database/DatabaseDoraStore';
import { readDoraConfig } from '../service/config';
import { DefaultDoraService } from '../service/DefaultDoraService';

/** Test helpers: times relative to T0 and compact event builders. */
export const T0 = Date.parse('2026-11-01T00:00:00.000Z');
export const HOUR = 3600000;
export const DAY = 24 * HOUR;
export const at = (ms: number) => new Date(T0 + ms).toISOString();

export function deployment(
  id: string,
  offsetMs: number,
  extra: Record<string, unknown> = {},
) {
  return {
    kind: 'deployment',
    source: 'ci',
    id,
    entityRef: 'component:default/a',
    environment: 'production',
    status: 'success',
    finishedAt: at(offsetMs),
    ...extra,
  };
}

export function incident(
  id: string,
  openedMs: number,
  resolvedMs: number | null,
  extra: Record<string, unknown> = {},
) {
  return {
    kind: 'incident',
    source: 'pager',
    id,
    entityRef: 'component:default/a',
    openedAt: at(openedMs),
    resolvedAt: resolvedMs === null ? null : at(resolvedMs),
    ...extra,
  };
}

/** A build of `component:default/a` from `startMs` lasting `minutes`. */
export function build(
  id: string,
  startMs: number,
  minutes: number,
  extra: Record<string, unknown> = {},
) {
  return {
    kind: 'build',
    source: 'ci',
    id,
    entityRef: 'component:default/a',
    pipeline: 'main',
    status: 'success',
    startedAt: at(startMs),
    finishedAt: at(startMs + minutes * 60000),
    commitSha: 'abc',
    ...extra,
  };
}

export function createDatabases() {
  return TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
}

export async function createService(
  databases: TestDatabases,
  id: TestDatabaseId,
  options: { dora?: object; entities?: Entity[] } = {},
) {
  const knex = await databases.init(id);
  const config = readDoraConfig(new ConfigReader({ dora: options.dora ?? {} }));
  const store = await DatabaseDoraStore.create({
    database: { getClient: async () => knex },
    isProduction: env => config.production.matches(env),
    productionSignature: config.production.signature,
    linking: config.linking,
  });
  const service = DefaultDoraService.create({
    store,
    catalog: catalogServiceMock({ entities: options.entities ?? [] }),
    config,
  });
  return { service, store, knex };
}

export const credentials = mockCredentials.user();
export const week = { from: new Date(T0), to: new Date(T0 + 7 * DAY) };

/** Holds the rollup path equal to the event-table path for one entity. */
export async function expectRollupsAgree(
  store: DatabaseDoraStore,
  entityRef = 'component:default/a',
) {
  const query = {
    entityRefs: [entityRef],
    from: week.from.getTime(),
    to: week.to.getTime(),
    scope: { type: 'production' as const },
  };
  expect(await store.getFiguresFromRollups(query)).toEqual(
    await store.getFiguresFromTables(query),
  );
}
