import { Knex } from 'knex';
import { bulkInsert } from './bulkInsert';
import {
  BucketSamples,
  decodeBucket,
  emptyBucket,
  encodeBucket,
  monthOf,
  monthStart,
} from './rollupCodec';
import { collectSamples, rollupKey as key } from './rollupSamples';
import { readMs } from './time';

/*
 * Monthly per-entity rollups for owner queries. Ingest bumps each touched
 * entity's version row (a row lock held until commit) and marks its
 * rollups stale from the first month it may have changed. Builders take
 * the same row locks, in the same sorted order, before reading, so a
 * rollup is never built from data an uncommitted ingest is changing.
 */

const ENTITIES_PER_BUILD = 250;

async function lockEntities(trx: Knex, entityRefs: string[], bump: number) {
  // Sorted, so concurrent ingests and builds lock rows in the same order.
  const refs = [...new Set(entityRefs)].sort();
  await bulkInsert(
    trx,
    'dora_entity_versions',
    refs.map(entity_ref => ({ entity_ref, version: 1 })),
    {
      types: { entity_ref: 'text', version: 'bigint' },
      conflictUpdate: `version = dora_entity_versions.version + ${bump}`,
      conflict: ['entity_ref'],
    },
  );
}

/** Locks the entities an ingest is about to change. @internal */
export async function lockForIngest(trx: Knex, entityRefs: string[]) {
  await lockEntities(trx, entityRefs, 1);
}

/**
 * Marks rollups stale from the month of each entity's earliest change, in
 * (month, entity) order so that concurrent ingests update rows in one order.
 *
 * @internal
 */
export async function markStale(trx: Knex, since: Map<string, number>) {
  const byMonth = new Map<number, string[]>();
  for (const entityRef of [...since.keys()].sort()) {
    const ms = since.get(entityRef)!;
    const month = monthOf(ms);
    byMonth.set(month, [...(byMonth.get(month) ?? []), entityRef]);
  }
  for (const [month, refs] of [...byMonth].sort(([a], [b]) => a - b)) {
    for (let i = 0; i < refs.length; i += 500) {
      await trx('dora_rollups')
        .whereIn('entity_ref', refs.slice(i, i + 500))
        .where('month', '>=', month)
        .update({ data: null });
    }
  }
}

/** Builds and stores the rollups of entities for months [first, last]. */
async function build(knex: Knex, refs: string[], first: number, last: number) {
  await knex.transaction(async trx => {
    await lockEntities(trx, refs, 0);
    const buckets = await collectSamples(
      trx,
      refs,
      monthStart(first),
      monthStart(last + 1),
    );
    const rows = [];
    for (const entityRef of refs) {
      for (let month = first; month <= last; month++) {
        const b = buckets.get(key(entityRef, month)) ?? emptyBucket();
        rows.push({ entity_ref: entityRef, month, data: encodeBucket(b) });
      }
    }
    await bulkInsert(trx, 'dora_rollups', rows, {
      conflict: ['entity_ref', 'month'],
    });
  });
}

/**
 * The months [first, last] that hold any event of the entities: deployments
 * by `finished_at`, incidents by `opened_at`, as `collectSamples` buckets
 * them. Undefined when there is none.
 */
async function dataMonths(
  knex: Knex,
  entityRefs: string[],
): Promise<{ first: number; last: number } | undefined> {
  const range = async (table: string, column: string) =>
    knex(table)
      .whereIn('entity_ref', entityRefs)
      .min({ lo: column })
      .max({ hi: column })
      .first();
  const found = [
    await range('dora_deployments', 'finished_at'),
    await range('dora_incidents', 'opened_at'),
  ].filter(r => r && r.lo !== null && r.lo !== undefined);
  if (found.length === 0) return undefined;
  return {
    first: Math.min(...found.map(r => monthOf(readMs(r!.lo)))),
    last: Math.max(...found.map(r => monthOf(readMs(r!.hi)))),
  };
}

/**
 * The rollups of entities for months [first, last], building the missing
 * and stale ones first. Only months within the entities' data are built or
 * stored: months outside it have no samples.
 *
 * @internal
 */
export async function readRollups(
  knex: Knex,
  entityRefs: string[],
  from: number,
  to: number,
): Promise<BucketSamples[]> {
  const rows = await readRollupRows(knex, entityRefs, from, to);
  return rows.map(r => decodeBucket(r.data));
}

/**
 * {@link readRollups} keyed by entity ref; entities without data have no
 * key.
 *
 * @internal
 */
export async function readRollupsByEntity(
  knex: Knex,
  entityRefs: string[],
  from: number,
  to: number,
): Promise<Map<string, BucketSamples[]>> {
  const byEntity = new Map<string, BucketSamples[]>();
  for (const row of await readRollupRows(knex, entityRefs, from, to)) {
    const buckets = byEntity.get(row.entity_ref) ?? [];
    buckets.push(decodeBucket(row.data));
    byEntity.set(row.entity_ref, buckets);
  }
  return byEntity;
}

async function readRollupRows(
  knex: Knex,
  entityRefs: string[],
  from: number,
  to: number,
): Promise<Array<{ entity_ref: string; data: Buffer }>> {
  const data =
    entityRefs.length > 0 ? await dataMonths(knex, entityRefs) : undefined;
  if (!data) return [];
  const first = Math.max(from, data.first);
  const last = Math.min(to, data.last);
  if (first > last) return [];
  const read = async (refs: string[]) =>
    knex('dora_rollups')
      .whereIn('entity_ref', refs)
      .whereBetween('month', [first, last])
      .select('entity_ref', 'month', 'data');
  let rows = await read(entityRefs);
  for (let attempt = 0; ; attempt++) {
    const fresh = new Set(
      rows.filter(r => r.data !== null).map(r => key(r.entity_ref, r.month)),
    );
    // Only the stale (entity, month) pairs are rebuilt, month by month.
    const staleByMonth = new Map<number, string[]>();
    for (let month = first; month <= last; month++) {
      const refs = entityRefs.filter(e => !fresh.has(key(e, month)));
      if (refs.length > 0) staleByMonth.set(month, refs);
    }
    if (staleByMonth.size === 0) return rows;
    if (attempt === 5) {
      throw new Error(
        'DORA rollups keep changing under concurrent ingest; retry',
      );
    }
    for (const [month, refs] of staleByMonth) {
      for (let i = 0; i < refs.length; i += ENTITIES_PER_BUILD) {
        await build(knex, refs.slice(i, i + ENTITIES_PER_BUILD), month, month);
      }
    }
    const stale = new Set([...staleByMonth.values()].flat());
    rows = [
      ...rows.filter(r => !stale.has(r.entity_ref)),
      ...(await read([...stale])),
    ];
  }
}

/**
 * Rebuilds stale rollups, e.g. from a scheduled task; stops between builds
 * once `signal` is aborted. Returns how many were stale.
 *
 * @internal
 */
export async function refreshStaleRollups(
  knex: Knex,
  signal?: AbortSignal,
): Promise<number> {
  const stale = await knex('dora_rollups')
    .whereNull('data')
    .select('entity_ref', 'month')
    .limit(20000);
  const byMonth = new Map<number, string[]>();
  for (const r of stale)
    byMonth.set(r.month, [...(byMonth.get(r.month) ?? []), r.entity_ref]);
  for (const [month, refs] of byMonth) {
    for (let i = 0; i < refs.length; i += ENTITIES_PER_BUILD) {
      if (signal?.aborted) return stale.length;
      await build(knex, refs.slice(i, i + ENTITIES_PER_BUILD), month, month);
    }
  }
  return stale.length;
}

/**
 * Builds the missing and stale rollups of entities over their whole data
 * range, in groups, stopping between groups once `signal` is aborted: what
 * an owner query would otherwise build inside the user's request.
 *
 * @internal
 */
export async function warmRollups(
  knex: Knex,
  entityRefs: string[],
  signal?: AbortSignal,
): Promise<void> {
  const refs = [...new Set(entityRefs)].sort();
  for (let i = 0; i < refs.length; i += ENTITIES_PER_BUILD) {
    if (signal?.aborted) return;
    await readRollupRows(
      knex,
      refs.slice(i, i + ENTITIES_PER_BUILD),
      0,
      Number.MAX_SAFE_INTEGER,
    );
  }
}
