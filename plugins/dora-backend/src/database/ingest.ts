import { Knex } from 'knex';
import { chunk } from './chunk';
import { whereInList } from './inList';
import { DeploymentRecord, IncidentRecord } from './types';
import { bulkInsert } from './bulkInsert';
import { replaceChanges } from './changes';
import { SinceMap, addSince, relinkIncidents } from './derived';
import { LinkingPolicies, LinkingPolicy, isExcluded } from './linking';
import { refreshRollbacks } from './rollbacks';
import { lockForIngest } from './rollups';

// Plain IN lists of this many values are fine on both engines.
const ROWS = 2000;

const DEPLOYMENT_TYPES = {
  source: 'text',
  external_id: 'text',
  entity_ref: 'text',
  environment: 'text',
  status: 'text',
  started_at: 'bigint',
  finished_at: 'bigint',
  commit_sha: 'text',
  rework: 'integer',
  qualifies: 'integer',
};
const INCIDENT_TYPES = {
  source: 'text',
  external_id: 'text',
  entity_ref: 'text',
  opened_at: 'bigint',
  resolved_at: 'bigint',
  severity: 'text',
  deployment_ref: 'text',
  linked_deployment_id: 'bigint',
  link_rule: 'text',
  change_caused: 'integer',
  attributes: 'text',
  excluded: 'integer',
};

type Existing = { id: number; entityRef: string; finishedAt: number };

async function existingRows(
  trx: Knex,
  table: string,
  timeColumn: string,
  keys: Array<[string, string]>,
): Promise<Map<string, Existing>> {
  const found = new Map<string, Existing>();
  const wanted = new Set(keys.map(k => JSON.stringify(k)));
  for (const part of chunk(keys, ROWS)) {
    // Separate IN lists let both engines use the (source, external_id) index.
    const query = whereInList(
      trx,
      trx(table).whereIn('source', [...new Set(part.map(k => k[0]))]),
      'external_id',
      part.map(k => k[1]),
    );
    const rows = await query.select(
      'id',
      'source',
      'external_id',
      'entity_ref',
      timeColumn,
    );
    for (const row of rows) {
      const key = JSON.stringify([row.source, row.external_id]);
      if (!wanted.has(key)) continue;
      found.set(key, {
        id: Number(row.id),
        entityRef: row.entity_ref,
        finishedAt: Number(row[timeColumn]),
      });
    }
  }
  return found;
}

async function upsert(
  trx: Knex,
  table: string,
  rows: Record<string, unknown>[],
  types: Record<string, string>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const returned = await bulkInsert(trx, table, rows, {
    conflict: ['source', 'external_id'],
    returning: ['id', 'source', 'external_id'],
    types,
  });
  for (const row of returned) {
    ids.set(JSON.stringify([row.source, row.external_id]), Number(row.id));
  }
  return ids;
}

/**
 * Stores deployments (replacing resent ones with their changes) and keeps
 * the derived flags right. Returns how many replaced a stored row.
 *
 * @internal
 */
export async function ingestDeployments(
  trx: Knex,
  deployments: DeploymentRecord[],
  qualifies: (d: DeploymentRecord) => boolean,
  since: SinceMap,
  policy: LinkingPolicy,
): Promise<number> {
  if (deployments.length === 0) return 0;
  const existing = await existingRows(
    trx,
    'dora_deployments',
    'finished_at',
    deployments.map(d => [d.source, d.id]),
  );
  const replaced = [...existing.values()];
  for (const item of [...deployments, ...replaced]) {
    addSince(since, item.entityRef, item.finishedAt);
  }
  await lockForIngest(trx, [...since.keys()]);
  const ids = await upsert(
    trx,
    'dora_deployments',
    deployments.map(d => ({
      source: d.source,
      external_id: d.id,
      entity_ref: d.entityRef,
      environment: d.environment,
      status: d.status,
      started_at: d.startedAt,
      finished_at: d.finishedAt,
      commit_sha: d.commitSha,
      rework: d.rework ? 1 : 0,
      qualifies: qualifies(d) ? 1 : 0,
    })),
    DEPLOYMENT_TYPES,
  );

  await replaceChanges({
    trx,
    deployments,
    ids,
    replacedIds: replaced.map(r => r.id),
    qualifies,
  });

  const policies = await LinkingPolicies.load(trx, policy, [...since.keys()]);
  // Lowers `since` to the deployments whose rollback flags changed.
  await refreshRollbacks(trx, since, policies);
  await relinkIncidents(
    trx,
    {
      entityRefs: [...since.keys()],
      since: Math.min(...since.values()),
      replacedDeploymentPks: replaced.map(r => r.id),
      deploymentExternalIds: [...new Set(deployments.map(d => d.id))],
    },
    policies,
    since,
  );
  return existing.size;
}

/** Stores incidents and links them. Returns how many replaced a stored row. @internal */
export async function ingestIncidents(
  trx: Knex,
  incidents: IncidentRecord[],
  since: SinceMap,
  policy: LinkingPolicy,
): Promise<number> {
  if (incidents.length === 0) return 0;
  const existing = await existingRows(
    trx,
    'dora_incidents',
    'opened_at',
    incidents.map(i => [i.source, i.id]),
  );
  for (const item of [
    ...incidents.map(i => ({ entityRef: i.entityRef, finishedAt: i.openedAt })),
    ...existing.values(),
  ]) {
    addSince(since, item.entityRef, item.finishedAt);
  }
  await lockForIngest(trx, [...since.keys()]);
  const ids = await upsert(
    trx,
    'dora_incidents',
    incidents.map(i => ({
      source: i.source,
      external_id: i.id,
      entity_ref: i.entityRef,
      opened_at: i.openedAt,
      resolved_at: i.resolvedAt,
      severity: i.severity,
      deployment_ref: i.deploymentId,
      linked_deployment_id: null,
      link_rule: null,
      change_caused: i.changeCaused === null ? null : Number(i.changeCaused),
      attributes: i.attributes ? JSON.stringify(i.attributes) : null,
      excluded: isExcluded(policy, i) ? 1 : 0,
    })),
    INCIDENT_TYPES,
  );
  await relinkIncidents(
    trx,
    { incidentIds: [...ids.values()] },
    await LinkingPolicies.load(trx, policy, [...since.keys()]),
    since,
  );
  return existing.size;
}
