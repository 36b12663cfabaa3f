import { CalendarUnit } from './duration';

/** Where the good/total events of an SLI come from. */
export type SliSource =
  | {
      /** Availability from incidents stored by the DORA backend. */
      type: 'incidents';
      /** Defaults to the entity the SLO belongs to. */
      entityRef?: string;
      /** Only incidents of these severities count as downtime; all when absent. */
      severities?: string[];
    }
  | {
      /** Prometheus `query_range` queries, one value per step. */
      type: 'prometheus';
      /** Query of good events per step (ratio metrics). */
      good?: string;
      /** Query of bad events per step (ratio metrics, instead of good). */
      bad?: string;
      /** Query of all events per step (ratio metrics). */
      total?: string;
      /** Query of the measured value (threshold metrics). */
      query?: string;
      /** Step of the range queries in ms (default 5 minutes). */
      stepMs: number;
    };

/** A comparison of a threshold metric: a sample is good when `value op threshold`. */
export interface ThresholdObjective {
  op: 'lt' | 'lte' | 'gt' | 'gte';
  value: number;
}

/** A multi-window burn-rate alert condition. */
export interface BurnRateCondition {
  name: string;
  severity: 'page' | 'ticket';
  /** Fires when the burn rate is at least this factor in both windows. */
  threshold: number;
  longWindowMs: number;
  shortWindowMs: number;
}

/** The time window of an SLO. */
export type SloWindow =
  | { kind: 'rolling'; durationMs: number; label: string }
  | { kind: 'calendar'; unit: CalendarUnit; label: string };

/** An OpenSLO v1 SLO resolved to what the computations need. */
export interface SloDefinition {
  name: string;
  displayName: string;
  description?: string;
  /** Objective as a ratio, e.g. 0.995. */
  target: number;
  window: SloWindow;
  budgetingMethod: 'Occurrences' | 'Timeslices';
  /** For Timeslices: a slice is good when its ratio reaches `target`. */
  timeslice?: { target: number; windowMs: number };
  indicator:
    | { kind: 'ratio'; source: SliSource }
    | { kind: 'threshold'; source: SliSource; objective: ThresholdObjective };
  alerts: BurnRateCondition[];
}

/** An error in an OpenSLO file, pointing at the field and line. */
export class SloParseError extends Error {
  readonly field: string;
  readonly line?: number;

  constructor(options: { field: string; message: string; line?: number }) {
    super(
      `${options.line ? `line ${options.line}: ` : ''}${options.field}: ${
        options.message
      }`,
    );
    this.name = 'SloParseError';
    this.field = options.field;
    this.line = options.line;
  }
}
