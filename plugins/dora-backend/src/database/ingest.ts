import { Knex } from 'knex';
import { DeploymentRecord, IncidentRecord } from './types';
import { refreshFirstShipped, relinkIncidents } from './derived';

// SQLite fails on inserts of more than 500 rows per statement.
const ROWS = 500;

function chunk<T>(items: T[], size = ROWS): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

type Existing = { id: number; entityRef: string; finishedAt: number };

async function existingRows(
  trx: Knex,
  table: string,
  timeColumn: string,
  keys: Array<[string, string]>,
): Promise<Map<string, Existing>> {
  const found = new Map<string, Existing>();
  for (const part of chunk(keys)) {
    const rows = await trx(table)
      .whereIn(['source', 'external_id'], part)
      .select('id', 'source', 'external_id', 'entity_ref', timeColumn);
    for (const row of rows) {
      found.set(JSON.stringify([row.source, row.external_id]), {
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
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const part of chunk(rows)) {
    const returned = await trx(table)
      .insert(part)
      .onConflict(['source', 'external_id'])
      .merge()
      .returning(['id', 'source', 'external_id']);
    for (const row of returned) {
      ids.set(JSON.stringify([row.source, row.external_id]), Number(row.id));
    }
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
): Promise<number> {
  if (deployments.length === 0) return 0;
  const key = (d: { source: string; id: string }) =>
    JSON.stringify([d.source, d.id]);
  const existing = await existingRows(
    trx,
    'dora_deployments',
    'finished_at',
    deployments.map(d => [d.source, d.id]),
  );
  const replaced = [...existing.values()];
  const pairs = new Map<string, [string, string]>();
  for (const part of chunk(replaced.map(r => r.id))) {
    const old = await trx('dora_changes')
      .whereIn('deployment_id', part)
      .select('entity_ref', 'sha');
    for (const row of old) {
      pairs.set(JSON.stringify([row.entity_ref, row.sha]), [
        row.entity_ref,
        row.sha,
      ]);
    }
    await trx('dora_changes').whereIn('deployment_id', part).delete();
  }

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
  );

  const changes = deployments.flatMap(d =>
    d.changes.map(c => {
      pairs.set(JSON.stringify([d.entityRef, c.sha]), [d.entityRef, c.sha]);
      return {
        deployment_id: ids.get(key(d)),
        entity_ref: d.entityRef,
        sha: c.sha,
        committed_at: c.committedAt,
        finished_at: d.finishedAt,
        lead_ms: d.finishedAt - c.committedAt,
        qualifies: qualifies(d) ? 1 : 0,
        first_shipped: 0,
      };
    }),
  );
  for (const part of chunk(changes)) {
    await trx('dora_changes').insert(part);
  }
  await refreshFirstShipped(trx, [...pairs.values()]);

  const entityRefs = new Set(deployments.map(d => d.entityRef));
  replaced.forEach(r => entityRefs.add(r.entityRef));
  const times = [
    ...deployments.map(d => d.finishedAt),
    ...replaced.map(r => r.finishedAt),
  ];
  await relinkIncidents(trx, {
    entityRefs: [...entityRefs],
    since: times.reduce((a, b) => Math.min(a, b)),
    replacedDeploymentPks: replaced.map(r => r.id),
    deploymentExternalIds: [...new Set(deployments.map(d => d.id))],
  });
  return existing.size;
}

/** Stores incidents and links them. Returns how many replaced a stored row. @internal */
export async function ingestIncidents(
  trx: Knex,
  incidents: IncidentRecord[],
): Promise<number> {
  if (incidents.length === 0) return 0;
  const existing = await existingRows(
    trx,
    'dora_incidents',
    'opened_at',
    incidents.map(i => [i.source, i.id]),
  );
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
    })),
  );
  await relinkIncidents(trx, { incidentIds: [...ids.values()] });
  return existing.size;
}
