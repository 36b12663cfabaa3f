import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CheckExemption,
  EntityScorecard,
  ScorecardLevel,
} from '@paved-road/plugin-scorecard-common';
import {
  ScorecardFactBatch,
  ScorecardFactProvider,
  ScorecardFactValues,
} from '@paved-road/plugin-scorecard-node';
import { CheckDefinition } from '../config/types';
import { EntityPredicate, compileFilter } from './filters';
import { CheckEvaluator } from './CheckEvaluator';
import { applyExemptions } from './exemptions';
import { summarize } from './scoring';

/** Where the engine finds approved exemptions. @internal */
export interface ExemptionLookup {
  /** Per entity ref and check id: the approved exemption in force at `now`. */
  approvedFor(
    entityRefs: string[],
    now: Date,
  ): Promise<Map<string, Map<string, CheckExemption>>>;
}

/** Options of {@link ScorecardEngine.create}. @internal */
export interface ScorecardEngineOptions {
  levels: ScorecardLevel[];
  checks: CheckDefinition[];
  providers: Map<string, ScorecardFactProvider>;
  /** Approved exemptions; without it no check is ever exempt. */
  exemptionLookup?: ExemptionLookup;
  /** Entities per provider call; default 500. */
  batchSize?: number;
  now?: () => Date;
}

/** An entity with its evaluated scorecard. @internal */
export interface EvaluatedEntity {
  entity: Entity;
  scorecard: EntityScorecard;
}

type ProviderFacts = Map<string, ScorecardFactBatch | Error>;

/**
 * Evaluates the configured checks for batches of entities: loads the facts
 * the applicable checks need from each provider once per batch, then
 * applies operators, score and levels. A failing provider turns only its
 * own checks to `error`.
 *
 * @internal
 */
export class ScorecardEngine {
  static create(options: ScorecardEngineOptions): ScorecardEngine {
    return new ScorecardEngine(options);
  }

  private readonly predicates: EntityPredicate[] = [];
  /** Per check: the index of its filter in `predicates`. */
  private readonly checkFilter: number[];
  private readonly weights: number[];
  private readonly evaluators: CheckEvaluator[];
  /** Per check: the index of its level, if any. */
  private readonly ranks: Array<number | undefined>;
  /** Per provider: the fact names and indexes of the checks that use it. */
  private readonly byProvider = new Map<
    string,
    { facts: string[]; indexes: number[] }
  >();

  private constructor(private readonly options: ScorecardEngineOptions) {
    // Checks often share a filter: evaluate each distinct filter once per entity.
    const distinct = new Map<string, number>();
    this.checkFilter = options.checks.map(c => {
      const key = JSON.stringify(c.filter ?? {});
      if (!distinct.has(key)) {
        distinct.set(key, this.predicates.length);
        this.predicates.push(compileFilter(c.filter));
      }
      return distinct.get(key)!;
    });
    this.weights = options.checks.map(c => c.weight);
    this.evaluators = options.checks.map(c => new CheckEvaluator(c));
    const rank = new Map(options.levels.map((l, i) => [l.id, i]));
    this.ranks = options.checks.map(c =>
      c.level ? rank.get(c.level) : undefined,
    );
    options.checks.forEach((check, i) => {
      const entry = this.byProvider.get(check.provider) ?? {
        facts: [],
        indexes: [],
      };
      if (!entry.facts.includes(check.factName))
        entry.facts.push(check.factName);
      entry.indexes.push(i);
      this.byProvider.set(check.provider, entry);
    });
  }

  /** Whether at least one check applies to the entity. */
  applies(entity: Entity): boolean {
    return this.predicates.some(p => p(entity));
  }

  /** Ids of the checks whose filter matches the entity. */
  applicableCheckIds(entity: Entity): string[] {
    const matches = this.predicates.map(p => p(entity));
    return this.options.checks
      .filter((_, i) => matches[this.checkFilter[i]])
      .map(c => c.id);
  }

  /** Evaluates entities; entities no check applies to are left out. */
  async evaluate(
    entities: Entity[],
    credentials: BackstageCredentials,
  ): Promise<EvaluatedEntity[]> {
    const size = this.options.batchSize ?? 500;
    const out: EvaluatedEntity[] = [];
    for (let i = 0; i < entities.length; i += size) {
      out.push(
        ...(await this.evaluateBatch(entities.slice(i, i + size), credentials)),
      );
    }
    return out;
  }

  private async evaluateBatch(
    entities: Entity[],
    credentials: BackstageCredentials,
  ): Promise<EvaluatedEntity[]> {
    const { checks } = this.options;
    const applicable = entities.map(e => {
      const matches = this.predicates.map(p => p(e));
      return this.checkFilter.map(f => matches[f]);
    });
    const kept = entities
      .map((entity, i) => ({
        entity,
        applies: applicable[i],
        ref: stringifyEntityRef(entity),
      }))
      .filter(e => e.applies.some(Boolean));
    const now = this.options.now?.() ?? new Date();
    const [facts, exemptions] = await Promise.all([
      this.loadFacts(kept, credentials),
      this.options.exemptionLookup?.approvedFor(
        kept.map(k => k.ref),
        now,
      ),
    ]);
    const evaluatedAt = now.toISOString();
    const nowMs = now.getTime();
    return kept.map(({ entity, applies, ref }) => {
      const results = applyExemptions(
        checks.map((check, i) =>
          applies[i]
            ? this.evaluators[i].evaluate(
                valuesOf(facts.get(check.provider), ref),
                nowMs,
              )
            : this.evaluators[i].skipped(),
        ),
        exemptions?.get(ref),
      );
      const summary = summarize(
        results,
        this.weights,
        this.ranks,
        this.options.levels,
      );
      return {
        entity,
        scorecard: {
          entityRef: ref,
          evaluatedAt,
          ...summary,
          checks: results,
        },
      };
    });
  }

  private async loadFacts(
    kept: Array<{ entity: Entity; applies: boolean[]; ref: string }>,
    credentials: BackstageCredentials,
  ): Promise<ProviderFacts> {
    const loaded: ProviderFacts = new Map();
    await Promise.all(
      [...this.byProvider].map(async ([providerId, { facts, indexes }]) => {
        const wanted = kept.filter(k => indexes.some(i => k.applies[i]));
        if (wanted.length === 0) return;
        const entities = wanted.map(k => k.entity);
        const entityRefs = wanted.map(k => k.ref);
        const provider = this.options.providers.get(providerId);
        if (!provider) {
          loaded.set(
            providerId,
            new Error(`No fact provider '${providerId}' is installed`),
          );
          return;
        }
        try {
          loaded.set(
            providerId,
            await provider.loadFacts({
              entities,
              entityRefs,
              facts,
              credentials,
            }),
          );
        } catch (e) {
          loaded.set(providerId, e instanceof Error ? e : new Error(String(e)));
        }
      }),
    );
    return loaded;
  }
}

function valuesOf(
  batch: ScorecardFactBatch | Error | undefined,
  entityRef: string,
): ScorecardFactValues | Error | undefined {
  return batch instanceof Error ? batch : batch?.get(entityRef);
}
