import { hashString } from './random';

const HOUR = 3600_000;

/**
 * How one demo entity delivers: the knobs behind its generated history.
 * Rates are per deployment unless they say otherwise.
 */
export interface DemoProfile {
  /** Mean production deployments per weekday; weekends get a tenth. */
  deploysPerWeekday: number;
  /** Median and spread of lead time (commit to production), in ms. */
  leadTimeMedianMs: number;
  leadTimeSpread: number;
  /** Pipeline failed, nothing went out. */
  failureRate: number;
  rollbackRate: number;
  /** The deployment causes an incident. */
  incidentRate: number;
  /** Incidents a day that follow no deployment (load, vendors, ...). */
  backgroundIncidentsPerDay: number;
  /** Median time to restore in ms (clamped to 10 minutes .. 8 hours). */
  restoreMedianMs: number;
  reworkRate: number;
  /** Share of production deployments that went to staging first. */
  stagingShare: number;
}

const ELITE: DemoProfile = {
  deploysPerWeekday: 5,
  leadTimeMedianMs: 3 * HOUR,
  leadTimeSpread: 0.7,
  failureRate: 0.04,
  rollbackRate: 0.02,
  incidentRate: 0.025,
  backgroundIncidentsPerDay: 0.02,
  restoreMedianMs: 0.5 * HOUR,
  reworkRate: 0.04,
  stagingShare: 0.6,
};

const HIGH: DemoProfile = {
  deploysPerWeekday: 1.4,
  leadTimeMedianMs: 20 * HOUR,
  leadTimeSpread: 0.8,
  failureRate: 0.06,
  rollbackRate: 0.04,
  incidentRate: 0.06,
  backgroundIncidentsPerDay: 0.02,
  restoreMedianMs: 1.5 * HOUR,
  reworkRate: 0.07,
  stagingShare: 0.8,
};

const MEDIUM: DemoProfile = {
  deploysPerWeekday: 0.6,
  leadTimeMedianMs: 4 * 24 * HOUR,
  leadTimeSpread: 0.6,
  failureRate: 0.08,
  rollbackRate: 0.06,
  incidentRate: 0.1,
  backgroundIncidentsPerDay: 0.03,
  restoreMedianMs: 3 * HOUR,
  reworkRate: 0.1,
  stagingShare: 1,
};

const LOW: DemoProfile = {
  deploysPerWeekday: 0.15,
  leadTimeMedianMs: 12 * 24 * HOUR,
  leadTimeSpread: 0.5,
  failureRate: 0.12,
  rollbackRate: 0.1,
  incidentRate: 0.2,
  backgroundIncidentsPerDay: 0.01,
  restoreMedianMs: 5 * HOUR,
  reworkRate: 0.15,
  stagingShare: 1,
};

/** The example app's components each tell a different story. */
const KNOWN: Record<string, DemoProfile> = {
  'component:default/payments-api': ELITE,
  'component:default/checkout-web': HIGH,
  'component:default/ledger': MEDIUM,
  'component:default/deploy-reporter': LOW,
  // Off the golden path: slower than the paved road's services.
  'component:default/search-service': MEDIUM,
  'component:default/inventory-service': LOW,
};

const ALL = [ELITE, HIGH, MEDIUM, LOW];

/** The profile of an entity: a fixed one for the examples, else by hash. */
export function profileFor(entityRef: string): DemoProfile {
  return KNOWN[entityRef] ?? ALL[hashString(entityRef) % ALL.length];
}
