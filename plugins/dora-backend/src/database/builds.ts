import { Knex } from 'knex';
import { bulkInsert } from './bulkInsert';
import { chunk } from './chunk';
import { whereInList } from './inList';
import { BuildRecord } from './types';

// Plain IN lists of this many values are fine on both engines.
const ROWS = 2000;

const BUILD_TYPES = {
  source: 'text',
  external_id: 'text',
  entity_ref: 'text',
  pipeline: 'text',
  status: 'text',
  started_at: 'bigint',
  finished_at: 'bigint',
  commit_sha: 'text',
};

/**
 * Stores builds, replacing resent ones (same source and id). Builds have no
 * derived flags or rollups: nothing else changes. Returns how many replaced
 * a stored row.
 *
 * @internal
 */
export async function ingestBuilds(
  trx: Knex,
  builds: BuildRecord[],
): Promise<number> {
  if (builds.length === 0) return 0;
  let existing = 0;
  for (const part of chunk(builds, ROWS)) {
    const wanted = new Set(part.map(b => JSON.stringify([b.source, b.id])));
    const rows = await whereInList(
      trx,
      trx('dora_builds').whereIn('source', [
        ...new Set(part.map(b => b.source)),
      ]),
      'external_id',
      part.map(b => b.id),
    ).select('source', 'external_id');
    existing += rows.filter((r: { source: string; external_id: string }) =>
      wanted.has(JSON.stringify([r.source, r.external_id])),
    ).length;
  }
  await bulkInsert(
    trx,
    'dora_builds',
    builds.map(b => ({
      source: b.source,
      external_id: b.id,
      entity_ref: b.entityRef,
      pipeline: b.pipeline,
      status: b.status,
      started_at: b.startedAt,
      finished_at: b.finishedAt,
      commit_sha: b.commitSha,
    })),
    { conflict: ['source', 'external_id'], types: BUILD_TYPES },
  );
  return existing;
}
