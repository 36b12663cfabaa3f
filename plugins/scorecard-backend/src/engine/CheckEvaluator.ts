import { CheckResult, CheckStatus } from '@paved-road/plugin-scorecard-common';
import { ScorecardFactValues } from '@paved-road/plugin-scorecard-node';
import { CheckDefinition } from '../config/types';
import { applyOperator, show } from './operators';

/** Results kept per check for repeated primitive values (e.g. 'production', true). */
const CACHE_LIMIT = 256;

type Primitive = string | number | boolean | null | undefined;

const isPrimitive = (value: unknown): value is Primitive =>
  value === null || (typeof value !== 'object' && typeof value !== 'function');

/**
 * Evaluates one check for one entity's facts. Results are plain immutable
 * data, so the result for a primitive observed value that was seen before
 * is shared instead of rebuilt: most facts are categorical, and a full pass
 * evaluates every check for every entity.
 *
 * @internal
 */
export class CheckEvaluator {
  private readonly cache = new Map<Primitive, CheckResult>();
  private readonly skippedResult: CheckResult;

  constructor(readonly check: CheckDefinition) {
    this.skippedResult = this.result(
      'skipped',
      null,
      'Does not apply to this entity',
    );
  }

  skipped(): CheckResult {
    return this.skippedResult;
  }

  evaluate(
    values: ScorecardFactValues | Error | undefined,
    now: number,
  ): CheckResult {
    const { check } = this;
    if (values instanceof Error) {
      return this.result(
        'error',
        null,
        `Fact provider '${check.provider}' failed: ${values.message}`,
      );
    }
    const observed = values?.[check.factName];
    // withinDays depends on the time of evaluation, not only on the value.
    const cacheable = isPrimitive(observed) && check.operator !== 'withinDays';
    if (cacheable) {
      const hit = this.cache.get(observed);
      if (hit) return hit;
    }
    let outcome: CheckResult;
    try {
      const { passed, message } = applyOperator(check, observed, now);
      outcome = this.result(
        passed ? 'pass' : 'fail',
        observed ?? null,
        message,
      );
    } catch (e) {
      outcome = this.result(
        'error',
        null,
        `Could not compare ${show(observed)}: ${(e as Error).message}`,
      );
    }
    if (cacheable && this.cache.size < CACHE_LIMIT) {
      this.cache.set(observed, outcome);
    }
    return outcome;
  }

  private result(
    status: CheckStatus,
    value: unknown,
    message: string,
  ): CheckResult {
    const { check } = this;
    return {
      id: check.id,
      title: check.title,
      category: check.category,
      level: check.level ?? null,
      status,
      value,
      message,
      remediation: status === 'skipped' ? null : check.remediation ?? null,
    };
  }
}
