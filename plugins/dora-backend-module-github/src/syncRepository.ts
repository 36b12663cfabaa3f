import { DoraProviderSyncContext } from '@paved-road/plugin-dora-node';
import { GithubClient } from './GithubClient';
import { GithubProviderMode } from './config';
import { resolveChanges } from './changes';
import { toDeploymentEvents } from './mapping';
import { Candidate, CandidateSource } from './sources';

const DAY = 86_400_000;

/**
 * A deployment still under way holds the cursor back for this long; after
 * that it counts as abandoned (GitHub keeps deployments nobody finished).
 */
export const PENDING_GIVE_UP_MS = DAY;

/**
 * The saved progress of one repository: every candidate with an id up to
 * `lastId` is done, and `bases` holds, per environment, the SHA of the
 * latest successful deployment up to there (the base of the next compare).
 */
export interface RepositoryCursor {
  mode: GithubProviderMode;
  lastId: number;
  bases: Record<string, string>;
}

export function parseCursor(
  value: string | undefined,
  mode: GithubProviderMode,
): RepositoryCursor {
  const fresh: RepositoryCursor = { mode, lastId: 0, bases: {} };
  if (!value) return fresh;
  try {
    const cursor = JSON.parse(value) as RepositoryCursor;
    // A cursor of the other mode counts other ids: start over.
    if (cursor.mode !== mode || typeof cursor.lastId !== 'number') {
      return fresh;
    }
    return { mode, lastId: cursor.lastId, bases: { ...cursor.bases } };
  } catch {
    return fresh;
  }
}

/** Options of {@link syncRepository}. */
export interface SyncRepositoryOptions {
  /** `owner/name`, lower-case: also the cursor scope. */
  repo: string;
  entityRefs: string[];
  mode: GithubProviderMode;
  source: CandidateSource;
  client: GithubClient;
  pageSize: number;
  lookbackDays: number;
  context: DoraProviderSyncContext;
  now: number;
}

/** New candidates since the cursor (and the lookback), oldest first. */
async function listNew(
  options: SyncRepositoryOptions,
  cursor: RepositoryCursor,
): Promise<Candidate[]> {
  const cutoff = options.now - options.lookbackDays * DAY;
  const found: Candidate[] = [];
  for (let page = 1; ; page++) {
    const { candidates, hasNext } = await options.source.list(
      options.repo,
      page,
      options.context.signal,
    );
    // Newest first: the first one already done or too old ends the listing.
    const end = candidates.findIndex(
      c => c.id <= cursor.lastId || Date.parse(c.createdAt) < cutoff,
    );
    const fresh = end === -1 ? candidates : candidates.slice(0, end);
    found.push(...fresh.filter(c => c.relevant));
    if (end !== -1 || !hasNext) break;
  }
  return found.sort((a, b) => a.id - b.id);
}

/**
 * Syncs one repository: ingests every finished production deployment (or
 * workflow run) after the saved cursor, oldest first, one ingest per
 * deployment, saving the cursor right after each ingest. A deployment still
 * under way stops the cursor (later ones are ingested, and again next run,
 * idempotently) so that none is passed over. Returns the events ingested.
 */
export async function syncRepository(
  options: SyncRepositoryOptions,
): Promise<number> {
  const { repo, context } = options;
  const saved = parseCursor(await context.cursors.get(repo), options.mode);
  const candidates = await listNew(options, saved);
  const running = { ...saved, bases: { ...saved.bases } };
  let cursor = saved;
  let unsaved = false;
  let blocked = false;
  let ingested = 0;

  for (const candidate of candidates) {
    context.signal.throwIfAborted();
    const outcome = await options.source.outcome(
      repo,
      candidate,
      context.signal,
    );
    const abandoned =
      options.now - Date.parse(candidate.createdAt) > PENDING_GIVE_UP_MS;
    if (outcome.state === 'pending' && !abandoned) {
      blocked = true;
      continue;
    }
    if (outcome.state === 'final') {
      const { changes, rework } = await resolveChanges({
        client: options.client,
        repo,
        base: running.bases[candidate.environment],
        head: candidate.sha,
        perPage: options.pageSize,
        signal: context.signal,
      });
      const events = toDeploymentEvents(
        {
          id: candidate.eventId,
          environment: candidate.environment,
          status: outcome.status,
          startedAt: candidate.startedAt,
          finishedAt: outcome.finishedAt,
          commitSha: candidate.sha,
          changes,
          rework,
        },
        options.entityRefs,
      );
      await context.ingest(events);
      ingested += events.length;
      if (outcome.status === 'success') {
        running.bases[candidate.environment] = candidate.sha;
      }
    }
    if (!blocked) {
      cursor = {
        ...running,
        lastId: candidate.id,
        bases: { ...running.bases },
      };
      unsaved = true;
    }
    // Saved only now that this deployment's events are stored.
    if (unsaved && outcome.state === 'final') {
      await context.cursors.set(repo, JSON.stringify(cursor));
      unsaved = false;
    }
  }
  if (unsaved) await context.cursors.set(repo, JSON.stringify(cursor));
  return ingested;
}
