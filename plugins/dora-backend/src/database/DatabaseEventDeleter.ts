import { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  DeletionTarget,
  EventKey,
  deleteEvents,
  dropRollupsBefore,
  findByKeys,
  findBySource,
  findOlderThan,
  targetSize,
} from './deleteEvents';
import { retryOnConflict } from './retryOnConflict';
import { DEFAULT_LINKING, LinkingPolicy } from './linking';

/** Deletions per transaction of the retention task. @internal */
export const RETENTION_BATCH = 500;

/**
 * Deletes events from the DORA tables, keeping changes, incident links and
 * rollups consistent. Shares the tables of {@link DatabaseDoraStore}, which
 * runs the migrations: create that one first.
 *
 * @internal
 */
export class DatabaseEventDeleter {
  static async create(options: {
    database: DatabaseService;
    logger?: LoggerService;
    /** `dora.linking` and `dora.incidents.exclude`; default: round 1's. */
    linking?: LinkingPolicy;
  }): Promise<DatabaseEventDeleter> {
    return new DatabaseEventDeleter(
      await options.database.getClient(),
      options.linking ?? DEFAULT_LINKING,
      options.logger,
    );
  }

  private constructor(
    private readonly knex: Knex,
    private readonly linking: LinkingPolicy,
    private readonly logger?: LoggerService,
  ) {}

  /** The stored events among `keys` and their entities (for permission checks). */
  async findByKeys(keys: EventKey[]) {
    return findByKeys(this.knex, keys);
  }

  /** One source's events of one entity. */
  async findBySource(source: string, entityRef: string) {
    return findBySource(this.knex, source, entityRef);
  }

  /** Deletes the target's events in one transaction; returns how many. */
  async delete(target: DeletionTarget): Promise<number> {
    if (targetSize(target) === 0) {
      return 0;
    }
    return retryOnConflict(
      () =>
        this.knex.transaction(trx => deleteEvents(trx, target, this.linking)),
      {
        onRetry: ({ code, attempt, attempts }) =>
          this.logger?.warn(
            `DORA event deletion aborted by the database (${code}); retrying, attempt ${
              attempt + 1
            } of ${attempts}`,
          ),
      },
    );
  }

  /**
   * Deletes deployments and builds finished and incidents opened before `before`, in
   * transactions of at most {@link RETENTION_BATCH} of each, stopping
   * between batches once `signal` is aborted. Returns how many.
   */
  async deleteOlderThan(before: number, signal?: AbortSignal): Promise<number> {
    let deleted = 0;
    for (;;) {
      if (signal?.aborted) return deleted;
      const target = await findOlderThan(this.knex, before, RETENTION_BATCH);
      if (targetSize(target) === 0) break;
      deleted += await this.delete(target);
    }
    await this.knex.transaction(trx => dropRollupsBefore(trx, before));
    return deleted;
  }
}
