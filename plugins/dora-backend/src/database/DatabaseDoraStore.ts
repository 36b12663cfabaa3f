import {
  DatabaseService,
  LoggerService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { ingestDeployments, ingestIncidents } from './ingest';
import { ingestBuilds } from './builds';
import { readBuildFigures, readBuildFiguresPerEntity } from './buildQueries';
import { SinceMap, refreshAllFirstShipped, relinkIncidents } from './derived';
import {
  DEFAULT_LINKING,
  EntityLinking,
  LinkingPolicies,
  LinkingPolicy,
  linkingSignature,
  refreshAllExclusions,
} from './linking';
import { refreshAllRollbacks } from './rollbacks';
import { applyEntityLinking } from './applyEntityLinking';
import { RollupWarmer, RollupWarmerOptions } from './RollupWarmer';
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
import { readEvidence, readIncidents } from './evidenceQueries';
import { DORA_MIGRATIONS_LOCK, migrateWithLock } from './migrateWithLock';
import { chunk } from './chunk';
import { whereInList } from './inList';
import {
  BuildFigures,
  BuildRecord,
  DeploymentRecord,
  EvidencePage,
  IncidentPage,
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
  /** `dora.linking` and `dora.incidents.exclude`; default: round 1's. */
  linking?: LinkingPolicy;
  /**
   * Build rollups in the background after ingests (see RollupWarmer);
   * off unless given. Call `stop()` at shutdown.
   */
  warmRollups?: RollupWarmerOptions;
}

/** A batch of validated events, later events winning. @internal */
export interface IngestBatch {
  deployments: DeploymentRecord[];
  incidents: IncidentRecord[];
  /** Builds: stored alongside, outside the four keys. */
  builds: BuildRecord[];
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
      options.linking ?? DEFAULT_LINKING,
      options.logger,
      options.warmRollups
        ? new RollupWarmer(knex, {
            logger: options.logger,
            ...options.warmRollups,
          })
        : undefined,
    );
    await store.applyDerivedSettings(options.productionSignature);
    return store;
  }

  private constructor(
    private readonly knex: Knex,
    private readonly isProduction: (environment: string) => boolean,
    private readonly linking: LinkingPolicy,
    private readonly logger?: LoggerService,
    private readonly warmer?: RollupWarmer,
  ) {}

  /** Resolves once background rollup builds are done (tests, benches). */
  async rollupsSettled(): Promise<void> {
    await this.warmer?.settled();
  }

  /** Stops background work; for the backend's shutdown. */
  async stop(): Promise<void> {
    await this.warmer?.stop();
  }

  /** Stores a batch in one transaction; returns the rows it replaced. */
  async ingest(batch: IngestBatch): Promise<{ updated: number }> {
    const qualifies = (d: DeploymentRecord) =>
      d.status !== 'failure' && this.isProduction(d.environment);
    const deployments = latestOnly(batch.deployments);
    const incidents = latestOnly(batch.incidents);
    const builds = latestOnly(batch.builds);
    // Deadlock-free on PostgreSQL: the entities' version rows are locked
    // first, as one sorted set (the same order as rollup builders), and
    // every later row in (source, id) order; a conflict PostgreSQL still
    // reports (e.g. an event moving between entities) is retried.
    const entityRefs = [...deployments, ...incidents].map(e => e.entityRef);
    const result = await retryOnConflict(
      () =>
        this.knex.transaction(async trx => {
          await lockForIngest(trx, entityRefs);
          const since: SinceMap = new Map();
          const updated =
            (await ingestDeployments(
              trx,
              deployments,
              qualifies,
              since,
              this.linking,
            )) +
            (await ingestIncidents(trx, incidents, since, this.linking)) +
            (await ingestBuilds(trx, builds));
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
    this.warmer?.touched(entityRefs);
    return result;
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

  /** The event-table path, used by tests to hold both paths equal. */
  async getFiguresFromTables(query: MetricsQuery): Promise<MetricsFigures> {
    return readFigures(this.knex, query);
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

  /** Build figures of all `entityRefs` together over [from, to). */
  async getBuildFigures(query: {
    entityRefs: string[];
    from: number;
    to: number;
  }): Promise<BuildFigures> {
    return readBuildFigures(this.knex, query.entityRefs, query);
  }

  /** Build figures of each of `entityRefs` alone, in their order. */
  async getBuildFiguresPerEntity(query: {
    entityRefs: string[];
    from: number;
    to: number;
  }): Promise<BuildFigures[]> {
    return readBuildFiguresPerEntity(this.knex, query.entityRefs, query);
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
   * Stores the entities' own linking rules (`paved-road.dev/dora-linking`)
   * and recomputes the links of those that changed; returns them.
   */
  async applyEntityLinking(entities: EntityLinking[]): Promise<string[]> {
    return applyEntityLinking(this.knex, this.linking, entities);
  }

  /** Incidents opened in the window, newest first, with their links. */
  async listIncidents(options: {
    entityRefs: string[];
    from: number;
    to: number;
    after?: { finishedAt: number; id: number };
    limit: number;
  }): Promise<IncidentPage> {
    return readIncidents(this.knex, options);
  }

  /**
   * The stored `entityRef` of each event among `keys` that exists, keyed by
   * `JSON.stringify([kind, source, id])`. Read outside the ingest
   * transaction: pushes use it to refuse moving an event to another entity.
   */
  async storedEntityRefs(
    keys: Array<{
      kind: 'deployment' | 'incident' | 'build';
      source: string;
      id: string;
    }>,
  ): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const tables = {
      deployment: 'dora_deployments',
      incident: 'dora_incidents',
      build: 'dora_builds',
    } as const;
    for (const kind of ['deployment', 'incident', 'build'] as const) {
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

  /** Whether any of the entities has deployments of the `demo` source. */
  async hasDemoData(entityRefs: string[]): Promise<boolean> {
    for (const part of chunk(entityRefs, 2000)) {
      const row = await whereInList(
        this.knex,
        this.knex('dora_deployments').where('source', 'demo'),
        'entity_ref',
        part,
      ).first('id');
      if (row) return true;
    }
    return false;
  }

  /** Distinct environments deployed to by the given entities. */
  async listEnvironments(entityRefs: string[]): Promise<string[]> {
    const rows = await this.knex('dora_deployments')
      .whereIn('entity_ref', entityRefs)
      .distinct('environment');
    return rows.map(r => r.environment);
  }

  /**
   * The stored flags depend on the configured production matchers and
   * linking policy; when either changed since the flags were computed,
   * recompute everything in one transaction.
   */
  private async applyDerivedSettings(productionSignature: string) {
    const linkingSig = linkingSignature(this.linking);
    const stored = new Map(
      (
        await this.knex('dora_meta').whereIn('key', ['production', 'linking'])
      ).map(r => [r.key as string, r.value as string]),
    );
    // Before this setting existed, flags were computed with the defaults.
    const storedLinking =
      stored.get('linking') ?? linkingSignature(DEFAULT_LINKING);
    if (
      stored.get('production') === productionSignature &&
      storedLinking === linkingSig
    ) {
      return;
    }
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
      await refreshAllExclusions(trx, this.linking);
      // Entities' own rules and lookback override the new config's.
      const policies = await LinkingPolicies.loadAll(trx, this.linking);
      await refreshAllRollbacks(trx, policies);
      await relinkIncidents(trx, { all: true }, policies);
      await trx('dora_rollups').delete();
      for (const [key, value] of [
        ['production', productionSignature],
        ['linking', linkingSig],
      ]) {
        await trx('dora_meta').insert({ key, value }).onConflict('key').merge();
      }
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
