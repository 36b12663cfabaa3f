import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityScorecard,
  ScorecardChecksResponse,
  ScorecardHistory,
  ScorecardLevel,
  ScorecardOverviewPage,
  ScorecardRollup,
} from '@paved-road/plugin-scorecard-common';
import { CheckDefinition } from '../config/types';
import { DatabaseScorecardStore } from '../database/DatabaseScorecardStore';
import { ScorecardEngine } from '../engine/ScorecardEngine';
import { decodeCursor, encodeCursor, parseOwners } from './entityRefs';
import { rollUp } from './rollUp';
import { toResultInput } from './toResultInput';
import { OverviewQuery, ScorecardService } from './types';

const DAY_MS = 86_400_000;

/** Options of {@link DefaultScorecardService.create}. @internal */
export interface DefaultScorecardServiceOptions {
  engine: ScorecardEngine;
  store: DatabaseScorecardStore;
  catalog: CatalogService;
  auth: AuthService;
  levels: ScorecardLevel[];
  checks: CheckDefinition[];
  now?: () => Date;
}

/**
 * Reads and on-demand evaluations of scorecards. Every read first looks the
 * entity up in the catalog with the caller's credentials, so a caller only
 * sees scorecards of entities they can see.
 *
 * @internal
 */
export class DefaultScorecardService implements ScorecardService {
  static create(
    options: DefaultScorecardServiceOptions,
  ): DefaultScorecardService {
    return new DefaultScorecardService(options);
  }

  private readonly levelsById: Map<string, ScorecardLevel>;

  private constructor(
    private readonly options: DefaultScorecardServiceOptions,
  ) {
    this.levelsById = new Map(options.levels.map(l => [l.id, l]));
  }

  getChecks(): ScorecardChecksResponse {
    return {
      levels: this.options.levels,
      checks: this.options.checks.map(
        ({ provider, factName, pattern, ...check }) => check,
      ),
    };
  }

  async getEntityScorecard(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityScorecard> {
    const entity = await this.visibleEntity(ref, credentials);
    const stored = await this.options.store.getResult(
      stringifyEntityRef(entity),
    );
    return stored ?? this.evaluateAndStore(entity);
  }

  async refresh(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityScorecard> {
    return this.evaluateAndStore(await this.visibleEntity(ref, credentials));
  }

  async getHistory(
    ref: CompoundEntityRef,
    window: { from?: Date; to?: Date },
    credentials: BackstageCredentials,
  ): Promise<ScorecardHistory> {
    const entity = await this.visibleEntity(ref, credentials);
    const to = window.to ?? this.now();
    const from = window.from ?? new Date(to.getTime() - 90 * DAY_MS);
    if (from >= to) {
      throw new InputError("Invalid 'from': expected a time before 'to'");
    }
    const entityRef = stringifyEntityRef(entity);
    return {
      entityRef,
      items: await this.options.store.getHistory(entityRef, from, to),
    };
  }

  async getOverview(
    query: OverviewQuery,
    credentials: BackstageCredentials,
  ): Promise<ScorecardOverviewPage> {
    const limit = query.limit ?? 50;
    const rows = await this.options.store.listResults(this.filterOf(query), {
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit,
    });
    const visible = await this.visibleRefs(
      rows.map(r => r.entityRef),
      credentials,
    );
    return {
      items: rows
        .filter(r => visible.has(r.entityRef))
        .map(({ levelId, ...r }) => ({ ...r, level: this.level(levelId) })),
      nextCursor:
        rows.length === limit
          ? encodeCursor(rows[rows.length - 1].entityRef)
          : null,
    };
  }

  async getRollup(
    query: OverviewQuery,
    credentials: BackstageCredentials,
  ): Promise<ScorecardRollup> {
    const rows = await this.options.store.listRollupRows(this.filterOf(query));
    const visible = await this.visibleRefs(
      rows.map(r => r.entityRef),
      credentials,
    );
    return {
      levels: this.options.levels,
      owners: rollUp(rows.filter(r => visible.has(r.entityRef))),
    };
  }

  private filterOf(query: OverviewQuery) {
    if (
      query.level &&
      query.level !== 'none' &&
      !this.levelsById.has(query.level)
    ) {
      throw new InputError(
        `Invalid 'level': expected one of none, ${[
          ...this.levelsById.keys(),
        ].join(', ')}`,
      );
    }
    return {
      owners: query.owners ? parseOwners(query.owners) : undefined,
      kinds: query.kinds?.map(k => k.toLocaleLowerCase('en-US')),
      level: query.level,
      failing: query.failing,
    };
  }

  private async evaluateAndStore(entity: Entity): Promise<EntityScorecard> {
    const entityRef = stringifyEntityRef(entity);
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const [evaluated] = await this.options.engine.evaluate(
      [entity],
      credentials,
    );
    if (!evaluated) {
      await this.options.store.deleteEntities([entityRef]);
      throw new NotFoundError(`No scorecard check applies to '${entityRef}'`);
    }
    await this.options.store.saveResults([toResultInput(evaluated)]);
    return evaluated.scorecard;
  }

  private async visibleEntity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(
        `No entity '${stringifyEntityRef(ref)}' in the catalog`,
      );
    }
    return entity;
  }

  /** The refs among `refs` that the caller can see in the catalog. */
  private async visibleRefs(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const visible = new Set<string>();
    for (let i = 0; i < refs.length; i += 1000) {
      const part = refs.slice(i, i + 1000);
      const { items } = await this.options.catalog.getEntitiesByRefs(
        {
          entityRefs: part,
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      items.forEach((item, j) => item && visible.add(part[j]));
    }
    return visible;
  }

  private level(id: string | null): ScorecardLevel | null {
    return id ? this.levelsById.get(id) ?? { id, title: id } : null;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
