import { Knex } from 'knex';
import { chunk } from './chunk';
import { whereInList } from './inList';
import { percentile, percentiles } from './metricsQueries';
import { readMs } from './time';
import { BuildFigures, MetricsWindow } from './types';

// Durations of at most this many builds are read in one statement for a
// per-entity query; above, each entity's percentiles are read on their own.
const FETCH_ALL_LIMIT = 50000;
const ROWS = 2000;
const TIMED = ['success', 'failure'];

const EMPTY: BuildFigures = {
  builds: 0,
  succeeded: 0,
  failed: 0,
  cancelled: 0,
  duration: { samples: 0, median: null, p90: null },
};

function builds(knex: Knex, entityRefs: string[], w: MetricsWindow) {
  return whereInList(knex, knex('dora_builds as b'), 'b.entity_ref', entityRefs)
    .where('b.finished_at', '>=', w.from)
    .where('b.finished_at', '<', w.to);
}

const counts = (knex: Knex) => ({
  n: knex.raw('COUNT(*)'),
  ok: knex.raw("SUM(CASE WHEN b.status = 'success' THEN 1 ELSE 0 END)"),
  ko: knex.raw("SUM(CASE WHEN b.status = 'failure' THEN 1 ELSE 0 END)"),
  off: knex.raw("SUM(CASE WHEN b.status = 'cancelled' THEN 1 ELSE 0 END)"),
});

type CountRow = { n: unknown; ok: unknown; ko: unknown; off: unknown };

function fromCounts(
  row: CountRow | undefined,
  duration: BuildFigures['duration'],
): BuildFigures {
  if (!row) return { ...EMPTY, duration };
  return {
    builds: Number(row.n ?? 0),
    succeeded: Number(row.ok ?? 0),
    failed: Number(row.ko ?? 0),
    cancelled: Number(row.off ?? 0),
    duration,
  };
}

const DURATION = 'b.finished_at - b.started_at';

/**
 * Build figures of all `entityRefs` together over [from, to): counts per
 * status, and the median and p90 duration of the succeeded and failed ones.
 *
 * @internal
 */
export async function readBuildFigures(
  knex: Knex,
  entityRefs: string[],
  w: MetricsWindow,
): Promise<BuildFigures> {
  if (entityRefs.length === 0) return EMPTY;
  const [row, durations] = await Promise.all([
    builds(knex, entityRefs, w).select(counts(knex)).first(),
    percentiles(
      knex.from(
        builds(knex, entityRefs, w)
          .whereIn('b.status', TIMED)
          .select({ ms: knex.raw(DURATION) })
          .as('s'),
      ),
      's.ms',
      [0.5, 0.9],
    ),
  ]);
  return fromCounts(row, {
    samples: durations.samples,
    median: durations.values[0],
    p90: durations.values[1],
  });
}

/**
 * Build figures of each of `entityRefs` alone, in their order, equal to
 * {@link readBuildFigures} per entity.
 *
 * @internal
 */
export async function readBuildFiguresPerEntity(
  knex: Knex,
  entityRefs: string[],
  w: MetricsWindow,
): Promise<BuildFigures[]> {
  const rows = new Map<string, CountRow>();
  for (const part of chunk(entityRefs, ROWS)) {
    const found = await builds(knex, part, w)
      .select({ ref: 'b.entity_ref', ...counts(knex) })
      .groupBy('b.entity_ref');
    for (const r of found) rows.set(r.ref, r);
  }
  const timed = [...rows.values()].reduce(
    (sum, r) => sum + Number(r.ok ?? 0) + Number(r.ko ?? 0),
    0,
  );
  const durations = new Map<string, number[]>();
  if (timed <= FETCH_ALL_LIMIT) {
    const active = [...rows.keys()];
    for (const part of chunk(active, ROWS)) {
      const found = await builds(knex, part, w)
        .whereIn('b.status', TIMED)
        .select({ ref: 'b.entity_ref', ms: knex.raw(DURATION) })
        .orderBy('ms');
      for (const r of found) {
        const list = durations.get(r.ref) ?? [];
        list.push(readMs(r.ms));
        durations.set(r.ref, list);
      }
    }
  }
  const figures: BuildFigures[] = [];
  for (const ref of entityRefs) {
    const row = rows.get(ref);
    if (!row) {
      figures.push(EMPTY);
    } else if (timed > FETCH_ALL_LIMIT) {
      figures.push(await readBuildFigures(knex, [ref], w));
    } else {
      const sorted = durations.get(ref) ?? [];
      figures.push(
        fromCounts(row, {
          samples: sorted.length,
          median: percentile(sorted, 0.5),
          p90: percentile(sorted, 0.9),
        }),
      );
    }
  }
  return figures;
}
