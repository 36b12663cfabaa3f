import {
  DoraEntitySlos,
  DoraSloAtRisk,
  DoraSloSummary,
} from '@paved-road/plugin-dora-common';

/** Below this share of error budget left, an SLO is at risk. */
export const AT_RISK_BUDGET = 0.25;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The SLOs of several entities together: how many, how many at risk (less
 * than 25% of the budget left, or a burn-rate alert firing), how many in
 * error, and the median share of budget burned over SLOs with data.
 */
export function summarizeSlos(items: DoraEntitySlos[]): DoraSloSummary {
  const atRiskSlos: DoraSloAtRisk[] = [];
  const burned: number[] = [];
  let slos = 0;
  let errors = 0;
  for (const item of items) {
    for (const slo of item.slos) {
      slos += 1;
      if (slo.status === 'error') {
        errors += 1;
        continue;
      }
      const remaining = slo.errorBudget?.remainingRatio ?? null;
      if (remaining !== null) burned.push(1 - remaining);
      if (
        (remaining !== null && remaining < AT_RISK_BUDGET) ||
        slo.firing.length > 0
      ) {
        atRiskSlos.push({
          entityRef: item.entityRef,
          name: slo.name,
          displayName: slo.displayName,
          status: slo.status,
          budgetRemaining: remaining,
        });
      }
    }
  }
  atRiskSlos.sort(
    (a, b) =>
      (a.budgetRemaining ?? Infinity) - (b.budgetRemaining ?? Infinity) ||
      a.entityRef.localeCompare(b.entityRef) ||
      a.name.localeCompare(b.name),
  );
  return {
    slos,
    atRisk: atRiskSlos.length,
    errors,
    medianBudgetBurned: median(burned),
    atRiskSlos,
  };
}
