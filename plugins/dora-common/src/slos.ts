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
  /** Name of the alert condition. */
  name: string;
  /** Whether the condition pages someone or opens a ticket. */
  severity: 'page' | 'ticket';
  /** Burn rate at or above which the condition fires. */
  threshold: number;
  /** Lookback window of the condition, in seconds. */
  longWindowSeconds: number;
  /** Short confirmation window, 1/12 of the long one, in seconds. */
  shortWindowSeconds: number;
  /** Burn rate over the long window. */
  longBurnRate: number;
  /** Burn rate over the short window. */
  shortBurnRate: number;
}

/**
 * Computed state of one SLO.
 *
 * @public
 */
export interface DoraSloStatus {
  /** Name of the SLO (`metadata.name`). */
  name: string;
  /** Display name of the SLO, or its name. */
  displayName: string;
  /** Description of the SLO, if given. */
  description?: string;
  /** Objective as a ratio, e.g. 0.995. */
  target: number;
  /** Whether the budget counts good events or good timeslices. */
  budgetingMethod: 'Occurrences' | 'Timeslices';
  /** The SLO window as written (e.g. `30d`, `1M`) and its bounds, ISO 8601. */
  window: { label: string; from: string; to: string };
  /** Share of good events (or good timeslices) in the window; null without data. */
  attainment: number | null;
  /** Error budget in the window; null without data. */
  errorBudget: {
    unit: 'seconds' | 'events' | 'timeslices';
    total: number;
    consumed: number;
    remaining: number;
    /** remaining / total: 1 untouched, 0 spent, negative overspent. */
    remainingRatio: number;
  } | null;
  /** Burn rate over each window; null without data in it. */
  burnRates: Record<DoraBurnRateWindow, number | null>;
  /** Multi-window multi-burn-rate status. */
  status: 'ok' | 'ticket' | 'page' | 'no-data';
  /** The burn-rate conditions firing now. */
  firing: DoraFiringCondition[];
}

/**
 * An SLO whose data could not be loaded (e.g. Prometheus down).
 *
 * @public
 */
export interface DoraSloError {
  /** Name of the SLO (`metadata.name`). */
  name: string;
  /** Display name of the SLO, or its name. */
  displayName: string;
  /** Objective as a ratio, e.g. 0.995. */
  target: number;
  /** Marks an SLO that could not be computed. */
  status: 'error';
  /** Why the data could not be loaded. */
  reason: string;
}

/**
 * Response of `GET /api/dora/slos?entityRef=`.
 *
 * @public
 */
export interface DoraEntitySlos {
  /** The entity the SLOs belong to. */
  entityRef: string;
  /** True when the entity has events of the example app's `demo` source. */
  demoData?: boolean;
  /** Where the definitions come from; `none` when the entity has no SLO. */
  definitions: { type: 'annotation' | 'config' | 'none'; location?: string };
  /** Set when the definitions could not be read or parsed; `slos` is then empty. */
  error?: { message: string; field?: string; line?: number };
  /** State of each SLO of the entity. */
  slos: Array<DoraSloStatus | DoraSloError>;
  /**
   * When this state was computed (ISO 8601): the backend computes SLOs on a
   * schedule and serves the latest snapshot.
   */
  computedAt?: string;
}

/**
 * One SLO's figures on one UTC day: the last computation of that day.
 *
 * @public
 */
export interface DoraSloHistoryPoint {
  /** The UTC day, `YYYY-MM-DD`. */
  day: string;
  /** Attainment over the SLO window as of that day; null without data. */
  attainment: number | null;
  /** Remaining share of error budget as of that day (1 untouched, below 0 overspent); null without data. */
  budgetRemaining: number | null;
}

/**
 * Response of `GET /api/dora/slos/history?entityRef=&days=`.
 *
 * @public
 */
export interface DoraSloHistory {
  /** The entity the SLOs belong to. */
  entityRef: string;
  /** First day asked for, `YYYY-MM-DD` (UTC). */
  from: string;
  /** Last day asked for (today, UTC). */
  to: string;
  /** Each SLO with stored days, by name; days without a computation are absent. */
  slos: Array<{ name: string; points: DoraSloHistoryPoint[] }>;
}

/**
 * An SLO at risk: less than a quarter of its error budget left, or a
 * burn-rate alert firing.
 *
 * @public
 */
export interface DoraSloAtRisk {
  /** The entity the SLO belongs to. */
  entityRef: string;
  /** Name of the SLO. */
  name: string;
  /** Display name of the SLO. */
  displayName: string;
  /** Status of the SLO. */
  status: DoraSloStatus['status'];
  /** Remaining share of error budget; null without data. */
  budgetRemaining: number | null;
}

/**
 * SLO figures of several entities together, e.g. a team's.
 *
 * @public
 */
export interface DoraSloSummary {
  /** SLOs defined, over all entities. */
  slos: number;
  /** SLOs with less than 25% of their error budget left or an alert firing. */
  atRisk: number;
  /** SLOs that could not be computed. */
  errors: number;
  /** Median share of error budget burned (1 - remaining) over SLOs with data; null without any. */
  medianBudgetBurned: number | null;
  /** The SLOs at risk, least budget left first. */
  atRiskSlos: DoraSloAtRisk[];
}

/**
 * Response of `GET /api/dora/slos/by-entity?owner=` or `?entityRefs=`.
 *
 * @public
 */
export interface DoraSlosByEntity {
  /** Each visible entity's SLOs, sorted by entity ref. */
  items: DoraEntitySlos[];
  /** Asked-for refs that are unknown or not visible to the caller. */
  notFound: string[];
  /** The SLOs of all items together. */
  summary: DoraSloSummary;
}
