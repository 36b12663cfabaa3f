import {
  DatabaseService,
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { ingestDeployments, ingestIncidents } from './ingest';
import { SinceMap, refreshAllFirstShipped, relinkIncidents } from './derived';
import { monthOf } from './rollupCodec';
import { figuresFromRollups } from './rollupFigures';
import {
  lockForIngest,
  markStale,
  readRollups,
  readRollupsByEntity,
  refreshStaleRollups,
} from './rollups';
import { retryOnConflict } from './retryOnConflict';
import { readFigures } from './metricsQueries';
import { readEvidence } from './evidenceQueries';
import { DORA_MIGRATIONS_LOCK, migrateWithLock } from './migrateWithLock';
import { chunk } from './chunk';
import { whereInList } from './inList';
import {
  DeploymentRecord,
  EvidencePage,
  IncidentRecord,
  MetricsFigures,
  MetricsQuery,
  MetricsWindow,
} from './types';

const migrationsDir = resolvePackagePath(
  '@paved-road/plugin-dora-backend',
  'migrations',
);

/** Options of {@link DatabaseDoraStore.create}. @internal */
export interface DatabaseDoraStoreOptions {
  database: DatabaseService;
  /** Whether an environment counts as production. */
  isProduction: (environment: string) => boolean;
  /** Identifies the production matchers, to detect a changed config. */
  productionSignature: string;
  /** Told when PostgreSQL aborted an ingest that is retried. */
  logger?: LoggerService;
}

/** A batch of validated events, later events winning. @internal */
export interface IngestBatch {
  deployments: DeploymentRecord[];
  incidents: IncidentRecord[];
}

/**
 * Deployments, changes and incidents in the plugin's database.
 *
 * @internal
 */
export class DatabaseDoraStore {
  static async create(
    options: DatabaseDoraStoreOptions,
  ): Promise<DatabaseDoraStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrateWithLock(knex, {
        directory: migrationsDir,
        lockKey: DORA_MIGRATIONS_LOCK,
      });
    }
    const store = new DatabaseDoraStore(
      knex,
      options.isProduction,
      options.logger,
    );
    await store.applyProductionMatchers(options.productionSignature);
    return store;
  }

  private constructor(
    private readonly knex: Knex,
    private readonly isProduction: (environment: string) => boolean,
    private readonly logger?: LoggerService,
  ) {}

  /** Stores a batch in one transaction; returns the rows it replaced. */
  async ingest(batch: IngestBatch): Promise<{ updated: number }> {
    const qualifies = (d: DeploymentRecord) =>
      d.status !== 'failure' && this.isProduction(d.environment);
    const deployments = latestOnly(batch.deployments);
    const incidents = latestOnly(batch.incidents);
    // Deadlock-free on PostgreSQL: the entities' version rows are locked
    // first, as one sorted set (the same order as rollup builders), and
    // every later row in (source, id) order; a conflict PostgreSQL still
    // reports (e.g. an event moving between entities) is retried.
    const entityRefs = [...deployments, ...incidents].map(e => e.entityRef);
    return retryOnConflict(
      () =>
        this.knex.transaction(async trx => {
          await lockForIngest(trx, entityRefs);
          const since: SinceMap = new Map();
          const updated =
            (await ingestDeployments(trx, deployments, qualifies, since)) +
            (await ingestIncidents(trx, incidents, since));
          await markStale(trx, since);
          return { updated };
        }),
      {
        onRetry: ({ code, attempt, attempts }) =>
          this.logger?.warn(
            `DORA ingest aborted by the database (${code}); retrying, attempt ${
              attempt + 1
            } of ${attempts}`,
          ),
      },
    );
  }

  /**
   * The figures behind `/metrics`. Several entities in the production
   * scope are read from the monthly rollups; one entity, or named
   * environments, straight from the event tables.
   */
  async getFigures(query: MetricsQuery): Promise<MetricsFigures> {
    if (query.scope.type !== 'production' || query.entityRefs.length < 2) {
      return readFigures(this.knex, query);
    }
    return this.getFiguresFromRollups(query);
  }

  /** The rollup path, also used by tests to hold both paths equal. */
  async getFiguresFromRollups(query: MetricsQuery): Promise<MetricsFigures> {
    const buckets = await readRollups(
      this.knex,
      query.entityRefs,
      monthOf(query.from),
      monthOf(query.to - 1),
    );
    return figuresFromRollups(buckets, query.from, query.to);
  }

  /**
   * The figures of `entityRefs` in each of `windows`, equal to
   * {@link DatabaseDoraStore.getFigures} per window: the production scope
   * reads the rollups of the whole span once.
   */
  async getFiguresPerWindow(
    query: Omit<MetricsQuery, 'from' | 'to'> & { windows: MetricsWindow[] },
  ): Promise<MetricsFigures[]> {
    const { windows, ...rest } = query;
    if (query.scope.type !== 'production') {
      const figures: MetricsFigures[] = [];
      for (const w of windows)
        figures.push(await this.getFigures({ ...rest, ...w }));
      return figures;
    }
    const from = Math.min(...windows.map(w => w.from));
    const to = Math.max(...windows.map(w => w.to));
    const buckets = await readRollups(
      this.knex,
      query.entityRefs,
      monthOf(from),
      monthOf(to - 1),
    );
    return windows.map(w => figuresFromRollups(buckets, w.from, w.to));
  }

  /**
   * The figures of each of `entityRefs` alone, in their order, equal to
   * {@link DatabaseDoraStore.getFigures} per entity: the production scope
   * reads all their rollups at once.
   */
  async getFiguresPerEntity(query: MetricsQuery): Promise<MetricsFigures[]> {
    const { entityRefs, ...rest } = query;
    if (query.scope.type !== 'production') {
      const figures: MetricsFigures[] = [];
      for (const ref of entityRefs)
        figures.push(await this.getFigures({ ...rest, entityRefs: [ref] }));
      return figures;
    }
    const byEntity = await readRollupsByEntity(
      this.knex,
      entityRefs,
      monthOf(query.from),
      monthOf(query.to - 1),
    );
    return entityRefs.map(ref =>
      figuresFromRollups(byEntity.get(ref) ?? [], query.from, query.to),
    );
  }

  /**
   * Rebuilds rollups marked stale by ingest, stopping early once `signal`
   * is aborted; returns how many were stale.
   */
  async refreshRollups(signal?: AbortSignal): Promise<number> {
    return refreshStaleRollups(this.knex, signal);
  }

  async listDeployments(options: {
    entityRefs: string[];
    from: number;
    to: number;
    environments?: string[];
    after?: { finishedAt: number; id: number };
    limit: number;
  }): Promise<EvidencePage> {
    return readEvidence(this.knex, options);
  }

  /**
   * The stored `entityRef` of each event among `keys` that exists, keyed by
   * `JSON.stringify([kind, source, id])`. Read outside the ingest
   * transaction: pushes use it to refuse moving an event to another entity.
   */
  async storedEntityRefs(
    keys: Array<{
      kind: 'deployment' | 'incident';
      source: string;
      id: string;
    }>,
  ): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const tables = {
      deployment: 'dora_deployments',
      incident: 'dora_incidents',
    } as const;
    for (const kind of ['deployment', 'incident'] as const) {
      const wanted = keys.filter(k => k.kind === kind);
      for (const part of chunk(wanted, 2000)) {
        const query = whereInList(
          this.knex,
          this.knex(tables[kind]).whereIn('source', [
            ...new Set(part.map(k => k.source)),
          ]),
          'external_id',
          part.map(k => k.id),
        );
        const rows = await query.select('source', 'external_id', 'entity_ref');
        for (const row of rows) {
          found.set(
            JSON.stringify([kind, row.source, row.external_id]),
            row.entity_ref,
          );
        }
      }
    }
    return found;
  }

  /** Distinct environments deployed to by the given entities. */
  async listEnvironments(entityRefs: string[]): Promise<string[]> {
    const rows = await this.knex('dora_deployments')
      .whereIn('entity_ref', entityRefs)
      .distinct('environment');
    return rows.map(r => r.environment);
  }

  /**
   * The `qualifies` flags depend on the configured production matchers;
   * when they changed since the flags were computed, recompute everything.
   */
  private async applyProductionMatchers(signature: string) {
    const stored = await this.knex('dora_meta')
      .where({ key: 'production' })
      .first();
    if (stored?.value === signature) return;
    await this.knex.transaction(async trx => {
      const envs = await trx('dora_deployments').distinct('environment');
      const production = envs
        .map(r => r.environment as string)
        .filter(e => this.isProduction(e));
      await trx('dora_deployments').update({ qualifies: 0 });
      await trx('dora_deployments')
        .whereIn('environment', production)
        .whereNot('status', 'failure')
        .update({ qualifies: 1 });
      await trx('dora_changes').update({
        qualifies: trx.raw(
          '(SELECT d.qualifies FROM dora_deployments d WHERE d.id = dora_changes.deployment_id)',
        ),
      });
      await refreshAllFirstShipped(trx);
      await relinkIncidents(trx, { all: true });
      await trx('dora_rollups').delete();
      await trx('dora_meta')
        .insert({ key: 'production', value: signature })
        .onConflict('key')
        .merge();
    });
  }
}

/** The last of each (source, id), in (source, id) order: a stable lock order. */
function latestOnly<T extends { source: string; id: string }>(events: T[]) {
  const byKey = new Map<string, T>();
  for (const event of events) {
    byKey.set(JSON.stringify([event.source, event.id]), event);
  }
  return [...byKey.keys()].sort().map(key => byKey.get(key)!);
}
