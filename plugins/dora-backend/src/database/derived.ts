import { Knex } from 'knex';
import { chunk } from './chunk';
import { whereInList } from './inList';

/*
 * Flags derived from several events, kept up to date on every ingest so that
 * reads are plain indexed aggregates:
 * - dora_changes.first_shipped: no earlier qualifying deployment of the same
 *   entity shipped the same sha (ties at the same instant both count);
 * - dora_incidents.linked_deployment_id / link_rule: the explicit deployment
 *   (same entity, qualifying) else the latest qualifying one at or before
 *   openedAt.
 */

// Plain IN lists of this many values are fine on both engines.
const PAIRS_PER_STATEMENT = 2000;

const FIRST_SHIPPED = `CASE WHEN qualifies = 1 AND NOT EXISTS (
  SELECT 1 FROM dora_changes e
  WHERE e.entity_ref = dora_changes.entity_ref AND e.sha = dora_changes.sha
    AND e.qualifies = 1 AND e.finished_at < dora_changes.finished_at
) THEN 1 ELSE 0 END`;

/** Recomputes first_shipped for the given (entityRef, sha) pairs. @internal */
export async function refreshFirstShipped(
  trx: Knex,
  pairs: Array<[string, string]>,
): Promise<void> {
  for (const part of chunk(pairs, PAIRS_PER_STATEMENT)) {
    // The rows of these shas within these entities (a superset of the
    // pairs): the plain sha IN list is served by the (sha) index on both
    // engines, where row-value lists misled the planners. The entity filter
    // (dora_changes has no entity index to mislead them) keeps the update
    // to rows of entities this ingest has locked: updating another
    // entity's rows of the same sha deadlocked concurrent ingests.
    await trx('dora_changes')
      .whereIn('sha', [...new Set(part.map(p => p[1]))])
      .whereIn('entity_ref', [...new Set(part.map(p => p[0]))])
      .update({ first_shipped: trx.raw(FIRST_SHIPPED) });
  }
}

/** Recomputes first_shipped for every change. @internal */
export async function refreshAllFirstShipped(trx: Knex): Promise<void> {
  await trx('dora_changes').update({ first_shipped: trx.raw(FIRST_SHIPPED) });
}

const EXPLICIT = `FROM dora_deployments d
  WHERE dora_incidents.deployment_ref IS NOT NULL
    AND d.entity_ref = dora_incidents.entity_ref
    AND d.external_id = dora_incidents.deployment_ref AND d.qualifies = 1`;
const LATEST_BEFORE = `FROM dora_deployments d
  WHERE d.entity_ref = dora_incidents.entity_ref
    AND d.finished_at <= dora_incidents.opened_at AND d.qualifies = 1`;
const ORDER = 'ORDER BY d.finished_at DESC, d.id DESC LIMIT 1';
// "+ 0" keeps the planners on the (entity_ref, external_id) index instead
// of walking all the entity's deployments in finished_at order.
const EXPLICIT_ORDER = 'ORDER BY d.finished_at + 0 DESC, d.id DESC LIMIT 1';

function linkColumns(trx: Knex) {
  return {
    linked_deployment_id: trx.raw(
      `COALESCE((SELECT d.id ${EXPLICIT} ${EXPLICIT_ORDER}), (SELECT d.id ${LATEST_BEFORE} ${ORDER}))`,
    ),
    link_rule: trx.raw(
      `CASE WHEN EXISTS (SELECT 1 ${EXPLICIT}) THEN 'explicit'
        WHEN EXISTS (SELECT 1 ${LATEST_BEFORE}) THEN 'latest-before'
        ELSE NULL END`,
    ),
  };
}

/** What a batch may have changed, for relinking incidents. @internal */
export type RelinkScope =
  | { incidentIds: number[] }
  | {
      entityRefs: string[];
      since: number;
      replacedDeploymentPks: number[];
      deploymentExternalIds: string[];
    }
  | { all: true };

/** Earliest change per entity, for marking rollups stale. @internal */
export type SinceMap = Map<string, number>;

/** Lowers each entity's entry in `since` to `ms`. @internal */
export function addSince(since: SinceMap, entityRef: string, ms: number) {
  const current = since.get(entityRef);
  if (current === undefined || ms < current) since.set(entityRef, ms);
}

async function linkTargets(
  trx: Knex,
  incidents: Knex.QueryBuilder,
  since: SinceMap,
) {
  const rows = await trx('dora_deployments')
    .whereIn(
      'id',
      incidents
        .clone()
        .whereNotNull('linked_deployment_id')
        .select('linked_deployment_id'),
    )
    .groupBy('entity_ref')
    .select('entity_ref', trx.raw('MIN(finished_at) AS t'));
  for (const row of rows) addSince(since, row.entity_ref, Number(row.t));
}

/**
 * Recomputes the deployment links of the incidents in scope, adding the
 * times of the deployments they were and are linked to into `since`.
 *
 * @internal
 */
export async function relinkIncidents(
  trx: Knex,
  scope: RelinkScope,
  since: SinceMap = new Map(),
): Promise<void> {
  const update = async (q: Knex.QueryBuilder) => {
    await linkTargets(trx, q, since);
    await q.clone().update(linkColumns(trx));
    await linkTargets(trx, q, since);
  };
  if ('all' in scope) {
    await trx('dora_incidents').update(linkColumns(trx));
    return;
  }
  if ('incidentIds' in scope) {
    for (const part of chunk(scope.incidentIds, PAIRS_PER_STATEMENT)) {
      await update(whereInList(trx, trx('dora_incidents'), 'id', part));
    }
    return;
  }
  // Collect the ids first with one index-friendly query per condition
  // (OR'ed conditions made SQLite scan the table), then relink by id.
  const ids = new Set<number>();
  const collect = async (q: Knex.QueryBuilder) => {
    for (const row of await q.select('id')) ids.add(Number(row.id));
  };
  await collect(
    whereInList(
      trx,
      trx('dora_incidents'),
      'entity_ref',
      scope.entityRefs,
    ).where('opened_at', '>=', scope.since),
  );
  if (scope.replacedDeploymentPks.length > 0) {
    await collect(
      whereInList(
        trx,
        trx('dora_incidents'),
        'linked_deployment_id',
        scope.replacedDeploymentPks,
      ),
    );
  }
  await collect(
    whereInList(
      trx,
      trx('dora_incidents'),
      'deployment_ref',
      scope.deploymentExternalIds,
    ),
  );
  for (const part of chunk([...ids], PAIRS_PER_STATEMENT)) {
    await update(whereInList(trx, trx('dora_incidents'), 'id', part));
  }
}
