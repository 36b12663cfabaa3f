import { DoraEntitySlos } from '@paved-road/plugin-dora-common';
import { DoraService } from '@paved-road/plugin-dora-node';
import {
  ScorecardFactBatch,
  ScorecardFactProvider,
  ScorecardFactRequest,
  ScorecardFactValues,
} from '@paved-road/plugin-scorecard-node';
import { perEntity } from './readPath';

const STATUS_RANK = { ok: 0, 'no-data': 1, ticket: 2, page: 3, error: 4 };

/** The facts of one entity's SLOs. @internal */
export function sloFacts(slos: DoraEntitySlos): ScorecardFactValues {
  const computed = slos.slos.filter(s => s.status !== 'error');
  const attainments = computed
    .map(s => ('attainment' in s ? s.attainment : null))
    .filter((a): a is number => a !== null);
  const budgets = computed
    .map(s => ('errorBudget' in s ? s.errorBudget?.remainingRatio : undefined))
    .filter((b): b is number => typeof b === 'number');
  const worst = slos.slos.reduce<string | undefined>(
    (acc, s) =>
      acc === undefined ||
      STATUS_RANK[s.status] > STATUS_RANK[acc as keyof typeof STATUS_RANK]
        ? s.status
        : acc,
    undefined,
  );
  return {
    defined: slos.definitions.type !== 'none' && slos.slos.length > 0,
    count: slos.slos.length,
    attainment: attainments.length > 0 ? Math.min(...attainments) : undefined,
    budgetRemaining: budgets.length > 0 ? Math.min(...budgets) : undefined,
    status: worst,
  };
}

/**
 * Built-in provider `slo`: per entity, from the DORA backend's SLOs (in
 * process when it runs in the same backend, else `GET /api/dora/slos`). Facts:
 * `defined` (boolean), `count`, `attainment` (lowest of the entity's SLOs,
 * 0..1), `budgetRemaining` (lowest remaining share of error budget, 1
 * untouched, below 0 overspent) and `status` (worst of ok, no-data,
 * ticket, page, error).
 *
 * @internal
 */
export class SloFactProvider implements ScorecardFactProvider {
  readonly id = 'slo';

  constructor(private readonly dora: DoraService) {}

  /** One bulk read of the stored SLO snapshots for the page of entities. */
  async loadFacts(request: ScorecardFactRequest): Promise<ScorecardFactBatch> {
    return perEntity(
      request.entityRefs,
      () =>
        this.dora.getSlosByEntity({
          entityRefs: request.entityRefs,
          credentials: request.credentials,
        }),
      slos => {
        if (slos.error) {
          throw new Error(`SLO definitions: ${slos.error.message}`);
        }
        return sloFacts(slos);
      },
    ) as Promise<ScorecardFactBatch>;
  }
}
