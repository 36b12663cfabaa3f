import { Knex } from 'knex';
import { bulkInsert } from './bulkInsert';
import { whereInList } from './inList';
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
 * rollups stale from the first month it may have changed. Builders are
 * optimistic: they read the entities' versions and events without locks,
 * then, in a short transaction, lock the version rows (same sorted order)
 * and store only the rollups of entities whose version did not move, so a
 * rollup is never stored from data an ingest changed meanwhile, and ingest
 * never waits for a builder's reads.
 */

const ENTITIES_PER_BUILD = 250;

async function lockEntities(
  trx: Knex,
  entityRefs: string[],
  bump: number,
): Promise<Map<string, number>> {
  // Sorted, so concurrent ingests and builds lock rows in the same order.
  const refs = [...new Set(entityRefs)].sort();
  const rows = await bulkInsert(
    trx,
    'dora_entity_versions',
    refs.map(entity_ref => ({ entity_ref, version: 1 })),
    {
      types: { entity_ref: 'text', version: 'bigint' },
      conflictUpdate: `version = dora_entity_versions.version + ${bump}`,
      conflict: ['entity_ref'],
      returning: ['entity_ref', 'version'],
    },
  );
  return new Map(rows.map(r => [String(r.entity_ref), Number(r.version)]));
}

// The entities each ingest transaction has locked (and bumped) already.
const lockedBy = new WeakMap<Knex, Set<string>>();

/**
 * Locks the entities an ingest is about to change, bumping their versions
 * once per transaction however often it is called.
 *
 * @internal
 */
export async function lockForIngest(trx: Knex, entityRefs: string[]) {
  const held = lockedBy.get(trx) ?? new Set<string>();
  const missing = [...new Set(entityRefs)].filter(e => !held.has(e));
  if (missing.length === 0) return;
  await lockEntities(trx, missing, 1);
  for (const e of missing) held.add(e);
  lockedBy.set(trx, held);
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

async function readVersions(
  knex: Knex,
  entityRefs: string[],
): Promise<Map<string, number>> {
  const rows: Array<{ entity_ref: string; version: number | string }> =
    await whereInList(
      knex,
      knex('dora_entity_versions'),
      'entity_ref',
      entityRefs,
    ).select('entity_ref', 'version');
  return new Map(rows.map(r => [String(r.entity_ref), Number(r.version)]));
}

/** Options of {@link buildRollups}. @internal */
export interface BuildOptions {
  /** Lock the version rows before reading, so every entity is stored. */
  locked?: boolean;
  /** Runs between the optimistic reads and the write (tests). */
  afterRead?: () => Promise<unknown>;
}

/**
 * Builds and stores the rollups of entities for months [first, last].
 * Optimistic by default: entities an ingest changed while their events were
 * read are left as they were (stale or missing) for a later build. With
 * `locked`, the version rows are locked before the reads, so every entity
 * is stored, at the cost of holding ingest back meanwhile.
 *
 * @internal
 */
export async function buildRollups(
  knex: Knex,
  refs: string[],
  first: number,
  last: number,
  options: BuildOptions = {},
) {
  const samples = (db: Knex) =>
    collectSamples(db, refs, monthStart(first), monthStart(last + 1));
  const before = options.locked ? undefined : await readVersions(knex, refs);
  const optimistic = options.locked ? undefined : await samples(knex);
  await options.afterRead?.();
  await knex.transaction(async trx => {
    const now = await lockEntities(trx, refs, 0);
    const buckets = optimistic ?? (await samples(trx));
    const rows = [];
    for (const entityRef of refs) {
      if (before && before.get(entityRef) !== now.get(entityRef)) continue;
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

type MonthRange = { first: number; last: number };

/**
 * Each entity's months [first, last] that hold any of its events:
 * deployments by `finished_at`, incidents by `opened_at`, as
 * `collectSamples` buckets them. Entities without events have no key.
 *
 * One MIN and one MAX per entity and table, each a seek at one end of the
 * entity's `(entity_ref, time)` index range: a single MIN/MAX over all the
 * entities read every event they ever had (58 % of an owner query's SQL
 * at 10,000 entities on PostgreSQL).
 */
async function dataMonths(
  knex: Knex,
  entityRefs: string[],
): Promise<Map<string, MonthRange>> {
  const pg = /^(pg|postgres)/.test(String(knex.client.config.client));
  const refs = pg
    ? 'unnest(?::text[]) AS r(ref)'
    : '(SELECT value AS ref FROM json_each(?)) AS r';
  const end = (fn: string, table: string, column: string, as: string) =>
    `(SELECT ${fn}(${column}) FROM ${table} t WHERE t.entity_ref = r.ref) AS ${as}`;
  const sql = `SELECT r.ref AS entity_ref, ${[
    end('MIN', 'dora_deployments', 'finished_at', 'd_lo'),
    end('MAX', 'dora_deployments', 'finished_at', 'd_hi'),
    end('MIN', 'dora_incidents', 'opened_at', 'i_lo'),
    end('MAX', 'dora_incidents', 'opened_at', 'i_hi'),
  ].join(', ')} FROM ${refs}`;
  const months = (values: unknown[]) =>
    values
      .filter(v => v !== null && v !== undefined)
      .map(v => monthOf(readMs(v as number | string)));
  const ranges = new Map<string, MonthRange>();
  for (let i = 0; i < entityRefs.length; i += 5000) {
    const part = entityRefs.slice(i, i + 5000);
    const result = await knex.raw(sql, [
      pg ? (part as any) : JSON.stringify(part),
    ]);
    for (const row of pg ? result.rows : result) {
      const lo = months([row.d_lo, row.i_lo]);
      const hi = months([row.d_hi, row.i_hi]);
      if (lo.length === 0 || hi.length === 0) continue;
      ranges.set(String(row.entity_ref), {
        first: Math.min(...lo),
        last: Math.max(...hi),
      });
    }
  }
  return ranges;
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

// Longer windows (the warmer's whole history) ask the event tables first.
const MAX_PROBED_MONTHS = 36;

/*
 * Rollup rows exist only within each entity's data months, so a month
 * without a row is either outside them or not built yet. The event tables
 * tell which, asked only for the entities with such a month: an owner whose
 * entities all have recent events reads the rollups alone.
 */
async function readRollupRows(
  knex: Knex,
  entityRefs: string[],
  windowFrom: number,
  windowTo: number,
): Promise<Array<{ entity_ref: string; data: Buffer }>> {
  if (entityRefs.length === 0) return [];
  // The entities whose data months were asked for, and those months.
  let asked: string[] = [];
  let ranges = new Map<string, MonthRange>();
  let from = windowFrom;
  let to = windowTo;
  if (to - from >= MAX_PROBED_MONTHS) {
    asked = entityRefs;
    ranges = await dataMonths(knex, asked);
    const known = [...ranges.values()];
    if (known.length === 0) return [];
    from = Math.max(from, Math.min(...known.map(r => r.first)));
    to = Math.min(to, Math.max(...known.map(r => r.last)));
  }
  const read = async (refs: string[]) =>
    refs.length === 0
      ? []
      : knex('dora_rollups')
          .whereIn('entity_ref', refs)
          .whereBetween('month', [from, to])
          .select('entity_ref', 'month', 'data');
  let rows = await read(entityRefs);
  if (asked.length === 0) {
    const stored = new Set(rows.map(r => key(r.entity_ref, r.month)));
    asked = entityRefs.filter(e => {
      for (let month = from; month <= to; month++) {
        if (!stored.has(key(e, month))) return true;
      }
      return false;
    });
    if (asked.length > 0) ranges = await dataMonths(knex, asked);
  }
  // Each entity needs fresh rollups for the window's months within its
  // data; an entity not asked about has a row for every month already.
  const askedSet = new Set(asked);
  const wanted = (entityRef: string, month: number) => {
    if (!askedSet.has(entityRef)) return true;
    const range = ranges.get(entityRef);
    return !!range && month >= range.first && month <= range.last;
  };
  for (let attempt = 0; ; attempt++) {
    const fresh = new Set(
      rows.filter(r => r.data !== null).map(r => key(r.entity_ref, r.month)),
    );
    // Only the stale and missing (entity, month) pairs are built, by month.
    const staleByMonth = new Map<number, string[]>();
    for (let month = from; month <= to; month++) {
      const refs = entityRefs.filter(
        e => !fresh.has(key(e, month)) && wanted(e, month),
      );
      if (refs.length > 0) staleByMonth.set(month, refs);
    }
    // A stale row outside its entity's data (left by a deletion) holds
    // no samples.
    if (staleByMonth.size === 0) return rows.filter(r => r.data !== null);
    if (attempt === 5) {
      throw new Error(
        'DORA rollups keep changing under concurrent ingest; retry',
      );
    }
    for (const [month, refs] of staleByMonth) {
      for (let i = 0; i < refs.length; i += ENTITIES_PER_BUILD) {
        // A request that lost the race twice builds under the locks.
        await buildRollups(
          knex,
          refs.slice(i, i + ENTITIES_PER_BUILD),
          month,
          month,
          { locked: attempt >= 2 },
        );
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
      await buildRollups(
        knex,
        refs.slice(i, i + ENTITIES_PER_BUILD),
        month,
        month,
      );
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
