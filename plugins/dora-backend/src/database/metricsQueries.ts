import { Knex } from 'knex';
import { MetricsFigures, MetricsQuery } from './types';
import { readMs } from './time';

const DAY_MS = 86400000;
const SHIPPED = ['success', 'rolled_back'];
// Below this many samples, percentiles are computed from all values in one
// read; above, the database picks the two values around each rank.
const FETCH_ALL_LIMIT = 5000;

/** Deployments of the query's entities and scope finished in [from, to). */
function deployments(knex: Knex, q: MetricsQuery, alias = 'd') {
  const query = knex(`dora_deployments as ${alias}`)
    .whereIn(`${alias}.entity_ref`, q.entityRefs)
    .where(`${alias}.finished_at`, '>=', q.from)
    .where(`${alias}.finished_at`, '<', q.to);
  return q.scope.type === 'production'
    ? query.where(`${alias}.qualifies`, 1)
    : query
        .whereIn(`${alias}.environment`, q.scope.environments)
        .whereIn(`${alias}.status`, SHIPPED);
}

/** Lead-time samples in ms: first shipment of each change, positive only. */
function leadTimes(knex: Knex, q: MetricsQuery) {
  // Through the deployments' (entity_ref, finished_at) index: the changes
  // table has none of its own, which keeps ingest cheaper.
  const base = deployments(knex, q)
    .join('dora_changes as c', 'c.deployment_id', 'd.id')
    .where('c.lead_ms', '>', 0);
  if (q.scope.type === 'production') return base.where('c.first_shipped', 1);
  const envs = q.scope.environments;
  const shipped = (alias: string, qb: Knex.QueryBuilder) =>
    qb
      .whereIn(`${alias}.environment`, envs)
      .whereIn(`${alias}.status`, SHIPPED);
  return base.whereNotExists(qb =>
    shipped(
      'd2',
      qb
        .select(knex.raw('1'))
        .from('dora_changes as e')
        .join('dora_deployments as d2', 'd2.id', 'e.deployment_id')
        .whereRaw('e.entity_ref = c.entity_ref')
        .whereRaw('e.sha = c.sha')
        .whereRaw('e.finished_at < c.finished_at'),
    ),
  );
}

/** PERCENTILE_CONT over sorted values. @internal */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * The count of `samples` and its percentiles `ps` (PERCENTILE_CONT) of
 * `column`, in the column's unit.
 *
 * @internal
 */
export async function percentiles(
  samples: Knex.QueryBuilder,
  column: string,
  ps: number[],
): Promise<{ samples: number; values: Array<number | null> }> {
  // Usually one read of all values; the database picks the values around
  // each rank only when there are too many to fetch.
  const rows = await samples
    .clone()
    .select({ v: column })
    .orderBy(column)
    .limit(FETCH_ALL_LIMIT + 1);
  if (rows.length <= FETCH_ALL_LIMIT) {
    const sorted = rows.map((r: { v: unknown }) => readMs(r.v));
    return {
      samples: sorted.length,
      values: ps.map(p => percentile(sorted, p)),
    };
  }
  const [{ n }] = await samples.clone().count({ n: '*' });
  const count = Number(n);
  const values = await Promise.all(
    ps.map(async p => {
      const pos = p * (count - 1);
      const around = await samples
        .clone()
        .select({ v: column })
        .orderBy(column)
        .offset(Math.floor(pos))
        .limit(2);
      const [a, b = a] = around.map((r: { v: unknown }) => readMs(r.v));
      return a + (b - a) * (pos - Math.floor(pos));
    }),
  );
  return { samples: count, values };
}

function median(values: number[]) {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** Reads every figure of the metrics response. @internal */
export async function readFigures(
  knex: Knex,
  q: MetricsQuery,
): Promise<MetricsFigures> {
  // Three statements, run in parallel: one scan of the deployments, the
  // lead-time samples, and both incident durations in one UNION ALL.
  const [counts, lead, durations] = await Promise.all([
    deployments(knex, q)
      .select({
        n: knex.raw('COUNT(*)'),
        days: knex.raw(`COUNT(DISTINCT d.finished_at / ${DAY_MS})`),
        failed: knex.raw(
          `SUM(CASE WHEN d.status = 'rolled_back' OR d.rolled_back_by IS NOT NULL OR EXISTS (
            SELECT 1 FROM dora_incidents i WHERE i.linked_deployment_id = d.id
          ) THEN 1 ELSE 0 END)`,
        ),
        rework: knex.raw(
          `SUM(CASE WHEN d.rework = 1 OR d.is_rollback = 1 OR EXISTS (
            SELECT 1 FROM dora_incidents i
            WHERE i.entity_ref = d.entity_ref AND i.opened_at <= d.finished_at
              AND (i.resolved_at IS NULL OR d.finished_at < i.resolved_at)
          ) THEN 1 ELSE 0 END)`,
        ),
      })
      .first(),
    percentiles(leadTimes(knex, q), 'c.lead_ms', [0.5, 0.9]),
    knex
      .select({ k: knex.raw("'r'"), ms: knex.raw('resolved_at - opened_at') })
      .from('dora_incidents')
      .whereIn('entity_ref', q.entityRefs)
      .where('opened_at', '>=', q.from)
      .where('opened_at', '<', q.to)
      .whereNotNull('resolved_at')
      .unionAll(
        deployments(knex, q)
          .join('dora_incidents as i', 'i.linked_deployment_id', 'd.id')
          .whereNotNull('i.resolved_at')
          .select({
            k: knex.raw("'v'"),
            ms: knex.raw('i.resolved_at - d.finished_at'),
          }),
      ),
  ]);
  const restoreMs = durations.filter(r => r.k === 'r').map(r => readMs(r.ms));
  const recoveryMs = durations.filter(r => r.k === 'v').map(r => readMs(r.ms));
  const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
  return {
    deployments: Number(counts?.n ?? 0),
    deploymentDays: Number(counts?.days ?? 0),
    failedDeployments: Number(counts?.failed ?? 0),
    reworkDeployments: Number(counts?.rework ?? 0),
    leadTime: {
      samples: lead.samples,
      median: seconds(lead.values[0]),
      p90: seconds(lead.values[1]),
    },
    restore: { samples: restoreMs.length, median: seconds(median(restoreMs)) },
    recovery: {
      samples: recoveryMs.length,
      median: seconds(median(recoveryMs)),
    },
  };
}
