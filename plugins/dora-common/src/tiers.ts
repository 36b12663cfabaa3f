/**
 * A DORA performance tier, best first.
 *
 * @public
 */
export type DoraTier = 'elite' | 'high' | 'medium' | 'low';

/**
 * The benchmark tables the tiers can be read from.
 *
 * @public
 */
export type DoraBenchmark = '2021' | '2023' | '2024';

/**
 * The cut points of one benchmark table. A value gets the best tier whose
 * limit it meets; values past every limit are `low`.
 *
 * @public
 */
export interface DoraBenchmarkTable {
  /** Where the figures come from. */
  source: string;
  /** Minimum deployments per week for elite, high, medium. */
  deploymentsPerWeek: [number, number, number];
  /** Exclusive upper limits in seconds of the median lead time. */
  leadTimeSeconds: [number, number, number];
  /** Inclusive upper limits of the change failure ratio (0..1). */
  changeFailureRatio: [number, number, number];
  /** Exclusive upper limits in seconds of the median time to restore. */
  restoreSeconds: [number, number, number];
}

const HOUR = 3600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const SIX_MONTHS = 182.5 * DAY;
// "On demand (multiple deploys per day)" is read as at least once a day.
const DAILY = 7;
const WEEKLY = 1;
const MONTHLY = WEEK / MONTH;
const HALF_YEARLY = WEEK / SIX_MONTHS;

/**
 * The published tables. Where published tiers leave gaps or overlap, the
 * cut points chosen are written next to them.
 *
 * @public
 */
export const DORA_BENCHMARKS: Record<DoraBenchmark, DoraBenchmarkTable> = {
  // Source: Accelerate State of DevOps Report 2021 (DORA / Google Cloud),
  // table "Software delivery performance metric".
  // Deployment frequency: elite on demand, high weekly..monthly, medium
  // monthly..every six months, low less often. Gap daily..weekly -> high.
  // Lead time: elite < 1 hour, high 1 day..1 week, medium 1 month..6 months,
  // low > 6 months. Gaps 1 hour..1 day -> high, 1 week..1 month -> medium.
  // Time to restore: elite < 1 hour, high < 1 day, medium 1 day..1 week,
  // low > 6 months. Gap 1 week..6 months -> low.
  // Change failure rate: elite 0-15%, high, medium and low all 16-30%:
  // <= 15% elite, <= 30% high (medium is unreachable), above low.
  '2021': {
    source: 'Accelerate State of DevOps Report 2021 (DORA, Google Cloud)',
    deploymentsPerWeek: [DAILY, MONTHLY, HALF_YEARLY],
    leadTimeSeconds: [HOUR, WEEK, SIX_MONTHS],
    changeFailureRatio: [0.15, 0.3, 0.3],
    restoreSeconds: [HOUR, DAY, WEEK],
  },
  // Source: Accelerate State of DevOps Report 2023 (DORA, Google Cloud),
  // table "Software delivery performance".
  // Deployment frequency: elite on demand, high daily..weekly, medium and
  // low both weekly..monthly: below monthly is low.
  // Lead time: elite < 1 day, high 1 day..1 week, medium 1 week..1 month,
  // low (published as 1 week..1 month too) beyond 1 month.
  // Change failure rate: 5%, 10%, 15%, 64% read as upper limits.
  // Failed deployment recovery time: elite < 1 hour, high < 1 day, medium
  // 1 day..1 week, low 1 month..6 months. Gap 1 week..1 month -> low.
  '2023': {
    source: 'Accelerate State of DevOps Report 2023 (DORA, Google Cloud)',
    deploymentsPerWeek: [DAILY, WEEKLY, MONTHLY],
    leadTimeSeconds: [DAY, WEEK, MONTH],
    changeFailureRatio: [0.05, 0.1, 0.15],
    restoreSeconds: [HOUR, DAY, WEEK],
  },
  // Source: Accelerate State of DevOps Report 2024 (DORA, Google Cloud),
  // table "Software delivery performance levels".
  // Deployment frequency: elite on demand, high daily..weekly, medium
  // weekly..monthly, low monthly..every six months.
  // Lead time: elite < 1 day, high 1 day..1 week, medium 1 week..1 month,
  // low 1 month..6 months.
  // Change failure rate: elite 5%, high 20%, medium 10%, low 40%. Medium's
  // figure is better than high's, so tiers stay monotonic: <= 5% elite,
  // <= 20% high, < 40% medium (the gap up to low's figure), >= 40% low.
  // Failed deployment recovery time: elite < 1 hour, high and medium both
  // < 1 day, low 1 week..1 month: < 1 day high, the gap 1 day..1 week medium.
  '2024': {
    source: 'Accelerate State of DevOps Report 2024 (DORA, Google Cloud)',
    deploymentsPerWeek: [DAILY, WEEKLY, MONTHLY],
    leadTimeSeconds: [DAY, WEEK, MONTH],
    changeFailureRatio: [0.05, 0.2, 0.4 - 1e-9], // medium: < 40%,
    restoreSeconds: [HOUR, DAY, WEEK],
  },
};

const TIERS: DoraTier[] = ['elite', 'high', 'medium'];

function atLeast(value: number, limits: number[]): DoraTier {
  const i = limits.findIndex(limit => value >= limit);
  return i === -1 ? 'low' : TIERS[i];
}

function below(value: number, limits: number[], inclusive: boolean) {
  const i = limits.findIndex(limit =>
    inclusive ? value <= limit : value < limit,
  );
  return i === -1 ? 'low' : TIERS[i];
}

/**
 * Tier of each key metric in a benchmark table; `null` without samples.
 *
 * @public
 */
export const doraTiers = {
  deploymentFrequency(benchmark: DoraBenchmark, perWeek: number): DoraTier {
    return atLeast(perWeek, DORA_BENCHMARKS[benchmark].deploymentsPerWeek);
  },
  leadTime(benchmark: DoraBenchmark, seconds: number | null) {
    if (seconds === null) return null;
    return below(seconds, DORA_BENCHMARKS[benchmark].leadTimeSeconds, false);
  },
  changeFailure(benchmark: DoraBenchmark, ratio: number | null) {
    if (ratio === null) return null;
    return below(ratio, DORA_BENCHMARKS[benchmark].changeFailureRatio, true);
  },
  restore(benchmark: DoraBenchmark, seconds: number | null) {
    if (seconds === null) return null;
    return below(seconds, DORA_BENCHMARKS[benchmark].restoreSeconds, false);
  },
  /** The worst of the given tiers, ignoring `null`; `null` if none. */
  overall(tiers: Array<DoraTier | null>): DoraTier | null {
    const order: DoraTier[] = ['elite', 'high', 'medium', 'low'];
    const known = tiers.filter((t): t is DoraTier => t !== null);
    if (known.length === 0) return null;
    return order[Math.max(...known.map(t => order.indexOf(t)))];
  },
};
