import {
  DORA_MAX_PIPELINE_LENGTH,
  DoraBuildEvent,
  DoraBuildStatus,
} from '@paved-road/plugin-dora-common';
import { DoraProviderSyncContext } from '@paved-road/plugin-dora-node';
import { GITHUB_SOURCE } from './GITHUB_SOURCE';
import { GithubClient } from './GithubClient';
import { PENDING_GIVE_UP_MS } from './syncRepository';
import { GithubWorkflowRun } from './types';

const DAY = 86_400_000;

/** Events per ingest call, well under the push API's batch limit. */
const INGEST_BATCH = 500;

/** The cursor scope of a repository's builds, apart from its deployments. */
export const buildCursorScope = (repo: string) => `builds:${repo}`;

/**
 * The build status of a workflow run: `pending` while it is not completed;
 * `undefined` for a conclusion that is not a build outcome (`skipped`,
 * `neutral`, `action_required`, `stale`, `timed_out`, ...).
 */
export function runBuildStatus(
  run: GithubWorkflowRun,
): DoraBuildStatus | 'pending' | undefined {
  if (run.status !== 'completed') return 'pending';
  if (run.conclusion === 'success') return 'success';
  if (run.conclusion === 'failure') return 'failure';
  if (run.conclusion === 'cancelled') return 'cancelled';
  return undefined;
}

/** The workflow name, else its file path, trimmed and cut to the limit. */
export function runPipeline(run: GithubWorkflowRun): string {
  const name =
    run.name?.trim() || run.path?.trim() || `workflow ${run.workflow_id}`;
  const cut = name.slice(0, DORA_MAX_PIPELINE_LENGTH);
  // Never end on half a surrogate pair.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * One build event per entity of the repository for a completed run with a
 * success, failure or cancelled conclusion. The id is
 * `<run id>-<run_attempt>`, so each re-run seen is a build of its own;
 * with several entities the entity ref is appended.
 */
export function toBuildEvents(
  run: GithubWorkflowRun,
  status: DoraBuildStatus,
  entityRefs: string[],
): DoraBuildEvent[] {
  const id = `${run.id}-${run.run_attempt ?? 1}`;
  const startedAt = run.run_started_at ?? run.created_at;
  // A completed run is last updated when it completes.
  const finishedAt =
    Date.parse(run.updated_at) >= Date.parse(startedAt)
      ? run.updated_at
      : startedAt;
  return entityRefs.map(entityRef => ({
    kind: 'build',
    source: GITHUB_SOURCE,
    id: entityRefs.length === 1 ? id : `${id}/${entityRef}`,
    entityRef,
    pipeline: runPipeline(run),
    status,
    startedAt,
    finishedAt,
    commitSha: run.head_sha,
  }));
}

/** Options of {@link syncBuilds}. */
export interface SyncBuildsOptions {
  repo: string;
  entityRefs: string[];
  client: GithubClient;
  pageSize: number;
  lookbackDays: number;
  context: DoraProviderSyncContext;
  now: number;
}

function parseLastId(value: string | undefined): number {
  try {
    const lastId = value ? JSON.parse(value).lastId : 0;
    return typeof lastId === 'number' ? lastId : 0;
  } catch {
    return 0;
  }
}

/**
 * Syncs the builds of one repository: the runs of every workflow after the
 * saved run id (and within the lookback), oldest first. A run still under
 * way holds the cursor back (for at most a day) so that it is read again;
 * runs after it are ingested now and again later, idempotently. The cursor
 * is saved only after the events before it are ingested. Returns the
 * events ingested.
 */
export async function syncBuilds(options: SyncBuildsOptions): Promise<number> {
  const { repo, context } = options;
  const scope = buildCursorScope(repo);
  const savedId = parseLastId(await context.cursors.get(scope));
  const cutoff = options.now - options.lookbackDays * DAY;

  const runs: GithubWorkflowRun[] = [];
  for (let page = 1; ; page++) {
    const { items, hasNext } = await options.client.listRepositoryRuns(
      repo,
      { page, perPage: options.pageSize },
      { signal: context.signal },
    );
    const end = items.findIndex(
      r => r.id <= savedId || Date.parse(r.created_at) < cutoff,
    );
    runs.push(...(end === -1 ? items : items.slice(0, end)));
    if (end !== -1 || !hasNext) break;
  }
  runs.sort((a, b) => a.id - b.id);

  let lastId = savedId;
  let blocked = false;
  let batch: DoraBuildEvent[] = [];
  let ingested = 0;
  const flush = async () => {
    if (batch.length) await context.ingest(batch);
    ingested += batch.length;
    batch = [];
    if (lastId !== savedId) {
      await context.cursors.set(scope, JSON.stringify({ lastId }));
    }
  };

  for (const run of runs) {
    context.signal.throwIfAborted();
    const status = runBuildStatus(run);
    if (status === 'pending') {
      if (options.now - Date.parse(run.created_at) <= PENDING_GIVE_UP_MS) {
        blocked = true;
      } else if (!blocked) {
        lastId = run.id;
      }
      continue;
    }
    if (status) batch.push(...toBuildEvents(run, status, options.entityRefs));
    if (!blocked) lastId = run.id;
    if (batch.length >= INGEST_BATCH) await flush();
  }
  await flush();
  return ingested;
}
