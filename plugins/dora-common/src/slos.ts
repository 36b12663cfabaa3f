/**
 * The burn-rate windows reported for every SLO.
 *
 * @public
 */
export type DoraBurnRateWindow = '1h' | '6h' | '1d' | '3d';

/**
 * A burn-rate condition that fires, with the rates that made it fire.
 *
 * @public
 */
export interface DoraFiringCondition {
  name: string;
  severity: 'page' | 'ticket';
  threshold: number;
  longWindowSeconds: number;
  shortWindowSeconds: number;
  longBurnRate: number;
  shortBurnRate: number;
}

/**
 * Computed state of one SLO.
 *
 * @public
 */
export interface DoraSloStatus {
  name: string;
  displayName: string;
  description?: string;
  /** Objective as a ratio, e.g. 0.995. */
  target: number;
  budgetingMethod: 'Occurrences' | 'Timeslices';
  window: { label: string; from: string; to: string };
  /** Share of good events (or good timeslices) in the window; null without data. */
  attainment: number | null;
  errorBudget: {
    unit: 'seconds' | 'events' | 'timeslices';
    total: number;
    consumed: number;
    remaining: number;
    /** remaining / total: 1 untouched, 0 spent, negative overspent. */
    remainingRatio: number;
  } | null;
  burnRates: Record<DoraBurnRateWindow, number | null>;
  /** Multi-window multi-burn-rate status. */
  status: 'ok' | 'ticket' | 'page' | 'no-data';
  firing: DoraFiringCondition[];
}

/**
 * An SLO whose data could not be loaded (e.g. Prometheus down).
 *
 * @public
 */
export interface DoraSloError {
  name: string;
  displayName: string;
  target: number;
  status: 'error';
  reason: string;
}

/**
 * Response of `GET /api/dora/slos?entityRef=`.
 *
 * @public
 */
export interface DoraEntitySlos {
  entityRef: string;
  /** Where the definitions come from; `none` when the entity has no SLO. */
  definitions: { type: 'annotation' | 'config' | 'none'; location?: string };
  /** Set when the definitions could not be read or parsed; `slos` is then empty. */
  error?: { message: string; field?: string; line?: number };
  slos: Array<DoraSloStatus | DoraSloError>;
}
