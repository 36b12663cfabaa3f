import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CheckResult,
  EntityScorecard,
  ScorecardLevel,
} from '@paved-road/plugin-scorecard-common';
import {
  ScorecardFactBatch,
  ScorecardFactProvider,
} from '@paved-road/plugin-scorecard-node';
import { CheckDefinition } from '../config/types';
import { EntityPredicate, compileFilter } from './filters';
import { applyOperator, show } from './operators';
import { summarize } from './scoring';

/** Options of {@link ScorecardEngine.create}. @internal */
export interface ScorecardEngineOptions {
  levels: ScorecardLevel[];
  checks: CheckDefinition[];
  providers: Map<string, ScorecardFactProvider>;
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

  private readonly predicates: EntityPredicate[];
  private readonly weights: number[];
  /** Per provider: the fact names and indexes of the checks that use it. */
  private readonly byProvider = new Map<
    string,
    { facts: string[]; indexes: number[] }
  >();

  private constructor(private readonly options: ScorecardEngineOptions) {
    this.predicates = options.checks.map(c => compileFilter(c.filter));
    this.weights = options.checks.map(c => c.weight);
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
    const applicable = entities.map(e => this.predicates.map(p => p(e)));
    const kept = entities
      .map((entity, i) => ({
        entity,
        applies: applicable[i],
        ref: stringifyEntityRef(entity),
      }))
      .filter(e => e.applies.some(Boolean));
    const facts = await this.loadFacts(kept, credentials);
    const now = this.options.now?.() ?? new Date();
    return kept.map(({ entity, applies, ref }) => {
      const results = checks.map((check, i) =>
        applies[i]
          ? this.evaluateCheck(
              check,
              facts.get(check.provider),
              ref,
              now.getTime(),
            )
          : skipped(check),
      );
      const summary = summarize(results, this.weights, this.options.levels);
      return {
        entity,
        scorecard: {
          entityRef: ref,
          evaluatedAt: now.toISOString(),
          ...summary,
          checks: results,
        },
      };
    });
  }

  private async loadFacts(
    kept: Array<{ entity: Entity; applies: boolean[] }>,
    credentials: BackstageCredentials,
  ): Promise<ProviderFacts> {
    const loaded: ProviderFacts = new Map();
    await Promise.all(
      [...this.byProvider].map(async ([providerId, { facts, indexes }]) => {
        const entities = kept
          .filter(k => indexes.some(i => k.applies[i]))
          .map(k => k.entity);
        if (entities.length === 0) return;
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
            await provider.loadFacts({ entities, facts, credentials }),
          );
        } catch (e) {
          loaded.set(providerId, e instanceof Error ? e : new Error(String(e)));
        }
      }),
    );
    return loaded;
  }

  private evaluateCheck(
    check: CheckDefinition,
    batch: ScorecardFactBatch | Error | undefined,
    entityRef: string,
    now: number,
  ): CheckResult {
    const base = {
      id: check.id,
      title: check.title,
      category: check.category,
      level: check.level ?? null,
      remediation: check.remediation ?? null,
    };
    const values = batch instanceof Error ? batch : batch?.get(entityRef);
    if (values instanceof Error) {
      return {
        ...base,
        status: 'error',
        value: null,
        message: `Fact provider '${check.provider}' failed: ${values.message}`,
      };
    }
    const observed = values?.[check.factName];
    try {
      const outcome = applyOperator(check, observed, now);
      return {
        ...base,
        status: outcome.passed ? 'pass' : 'fail',
        value: observed ?? null,
        message: outcome.message,
      };
    } catch (e) {
      return {
        ...base,
        status: 'error',
        value: null,
        message: `Could not compare ${show(observed)}: ${(e as Error).message}`,
      };
    }
  }
}

function skipped(check: CheckDefinition): CheckResult {
  return {
    id: check.id,
    title: check.title,
    category: check.category,
    level: check.level ?? null,
    status: 'skipped',
    value: null,
    message: 'Does not apply to this entity',
    remediation: null,
  };
}
