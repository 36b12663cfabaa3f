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
import {
  EntityScorecard,
  ScorecardChecksResponse,
  ScorecardExemptionPolicy,
  ScorecardHistory,
  ScorecardLevel,
  ScorecardOverviewPage,
  ScorecardRollup,
} from '@paved-road/plugin-scorecard-common';
import { CheckDefinition } from '../config/types';
import { DatabaseScorecardStore } from '../database/DatabaseScorecardStore';
import { EvaluatedEntity, ScorecardEngine } from '../engine/ScorecardEngine';
import { decodeCursor, encodeCursor, parseOwners } from './entityRefs';
import { readVisiblePage } from './readVisiblePage';
import { rollUp } from './rollUp';
import { ScorecardEntityAccess } from './ScorecardEntityAccess';
import { toResultInput } from './toResultInput';
import { OverviewQuery, ScorecardService } from './types';

const DAY_MS = 86_400_000;

/** Options of {@link DefaultScorecardService.create}. @internal */
export interface DefaultScorecardServiceOptions {
  engine: ScorecardEngine;
  store: DatabaseScorecardStore;
  access: ScorecardEntityAccess;
  auth: AuthService;
  levels: ScorecardLevel[];
  checks: CheckDefinition[];
  exemptions: ScorecardExemptionPolicy;
  /** The group tree as the caller sees it, to count child groups into parents in the roll-up. */
  groups?: (credentials: BackstageCredentials) => Promise<{
    selfAndAncestors(group: string): string[];
  }>;
  now?: () => Date;
  /** Stores evaluated entities; default `store.saveResults`. */
  save?: (evaluated: EvaluatedEntity[]) => Promise<void>;
}

/**
 * Reads and on-demand evaluations of scorecards. Every read goes through
 * {@link ScorecardEntityAccess}, so a caller only sees scorecards of
 * entities they can see in the catalog and may read the scorecard of.
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
      exemptions: this.options.exemptions,
    };
  }

  async getEntityScorecard(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityScorecard> {
    const entity = await this.options.access.readableEntity(ref, credentials);
    const stored = await this.options.store.getResult(
      stringifyEntityRef(entity),
    );
    return stored ?? this.evaluateEntity(entity);
  }

  async refresh(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityScorecard> {
    return this.evaluateEntity(
      await this.options.access.readableEntity(ref, credentials),
    );
  }

  async getHistory(
    ref: CompoundEntityRef,
    window: { from?: Date; to?: Date },
    credentials: BackstageCredentials,
  ): Promise<ScorecardHistory> {
    const entity = await this.options.access.readableEntity(ref, credentials);
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
    const filter = this.filterOf(query);
    const { items, next } = await readVisiblePage({
      fetch: (after, limit) =>
        this.options.store.listResults(filter, { after, limit }),
      visible: refs => this.options.access.readableRefs(refs, credentials),
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: query.limit ?? 50,
    });
    return {
      items: items.map(({ levelId, ...r }) => ({
        ...r,
        level: this.level(levelId),
      })),
      nextCursor: next ? encodeCursor(next) : null,
    };
  }

  async getRollup(
    query: OverviewQuery,
    credentials: BackstageCredentials,
  ): Promise<ScorecardRollup> {
    const rows = await this.options.store.listRollupRows(this.filterOf(query));
    const visible = await this.options.access.readableRefs(
      rows.map(r => r.entityRef),
      credentials,
    );
    const groups = await this.options.groups?.(credentials);
    return {
      levels: this.options.levels,
      owners: rollUp(
        rows.filter(r => visible.has(r.entityRef)),
        groups ? owner => groups.selfAndAncestors(owner) : undefined,
      ),
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
      exempt: query.exempt,
    };
  }

  /** Evaluates one entity with the plugin's own credentials and stores the result. */
  async evaluateEntity(entity: Entity): Promise<EntityScorecard> {
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
    if (this.options.save) await this.options.save([evaluated]);
    else await this.options.store.saveResults([toResultInput(evaluated)]);
    return evaluated.scorecard;
  }

  private level(id: string | null): ScorecardLevel | null {
    return id ? this.levelsById.get(id) ?? { id, title: id } : null;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
