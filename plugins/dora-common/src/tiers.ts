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
 * The recovery metric a benchmark table tiers: time to restore service
 * (2021) or failed deployment recovery time (the 2023 report replaced the
 * former with the latter). The other one gets no tier.
 *
 * @public
 */
export type DoraRecoveryMetric =
  | 'timeToRestore'
  | 'failedDeploymentRecoveryTime';

/**
 * The cut points of one benchmark table. A value gets the best tier whose
 * limit it meets; values past every limit are `low`.
 *
 * @public
 */
export interface DoraBenchmarkTable {
  /** The report the figures come from. */
  source: string;
  /** Where the report is published, at its table of performance levels where the page is known. */
  sourceUrl: string;
  /** The recovery metric the table tiers; the other recovery metric has no tier. */
  recoveryMetric: DoraRecoveryMetric;
  /** Minimum deployments per week for elite, high, medium. */
  deploymentsPerWeek: [number, number, number];
  /** Exclusive upper limits in seconds of the median lead time. */
  leadTimeSeconds: [number, number, number];
  /** Inclusive upper limits of the change failure ratio (0..1). */
  changeFailureRatio: [number, number, number];
  /** Exclusive upper limits in seconds of the median of the table's recovery metric (`recoveryMetric`). */
  recoverySeconds: [number, number, number];
}

const HOUR = 3600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const SIX_MONTHS = 182.5 * DAY;
// No report gives a number for "on demand (multiple deploys per day)". The
// reports' high ranges end at "once per day" (2023, 2024), so a team
// deploying once a day on average or more is read as on demand (elite).
const DAILY = 7;
const WEEKLY = 1;
const MONTHLY = WEEK / MONTH;
const HALF_YEARLY = WEEK / SIX_MONTHS;

const REPORT_2021 =
  'https://dora.dev/research/2021/dora-report/2021-dora-accelerate-state-of-devops-report.pdf';
const REPORT_2023 =
  'https://dora.dev/research/2023/dora-report/2023-dora-accelerate-state-of-devops-report.pdf';
const REPORT_2024 =
  'https://dora.dev/research/2024/dora-report/2024-dora-accelerate-state-of-devops-report.pdf';

/**
 * The published tables. Next to each cut point: the report, its wording,
 * and, where the published tiers leave a gap, overlap or are not ordered,
 * the cut point chosen and why.
 *
 * @public
 */
export const DORA_BENCHMARKS: Record<DoraBenchmark, DoraBenchmarkTable> = {
  // Accelerate State of DevOps 2021, p. 9, table "Software delivery
  // performance metric" (checked against the PDF's text):
  // https://dora.dev/research/2021/dora-report/2021-dora-accelerate-state-of-devops-report.pdf#page=9
  '2021': {
    source: 'Accelerate State of DevOps Report 2021 (DORA, Google Cloud)',
    sourceUrl: `${REPORT_2021}#page=9`,
    recoveryMetric: 'timeToRestore',
    deploymentsPerWeek: [
      // Elite "On-demand (multiple deploys per day)": >= once a day.
      DAILY,
      // High "Between once per week and once per month". The report puts
      // no tier between once a day and once a week: that gap is high.
      MONTHLY,
      // Medium "Between once per month and once every 6 months";
      // low "Fewer than once per six months".
      HALF_YEARLY,
    ],
    leadTimeSeconds: [
      // Elite "Less than one hour".
      HOUR,
      // High "Between one day and one week". The gap from one hour to one
      // day (no tier in the report) is high.
      WEEK,
      // Medium "Between one month and six months"; low "More than six
      // months". The gap from one week to one month is medium.
      SIX_MONTHS,
    ],
    changeFailureRatio: [
      // Elite "0%-15%".
      0.15,
      // High, medium and low are all "16%-30%": <= 30% is high, so medium
      // is never given; the report has no number above 30%, which is low.
      0.3, 0.3,
    ],
    recoverySeconds: [
      // Time to restore service. Elite "Less than one hour".
      HOUR,
      // High "Less than one day".
      DAY,
      // Medium "Between one day and one week"; low "More than six months".
      // The gap from one week to six months is low.
      WEEK,
    ],
  },
  // Accelerate State of DevOps 2023, table "Software delivery performance"
  // (performance levels elite, high, medium, low):
  // https://dora.dev/research/2023/dora-report/2023-dora-accelerate-state-of-devops-report.pdf
  // The elite row was checked against DORA's own 2023 infographic
  // (https://dora.dev/research/2023/2023-DORA-Report-Infographic.v10.pdf:
  // "On demand", "less than 1 day", "5%", "less than 1 hour"); the report's
  // PDF text itself could not be read here, so its page is not given.
  '2023': {
    source: 'Accelerate State of DevOps Report 2023 (DORA, Google Cloud)',
    sourceUrl: REPORT_2023,
    recoveryMetric: 'failedDeploymentRecoveryTime',
    deploymentsPerWeek: [
      // Elite "On demand".
      DAILY,
      // High "Between once per day and once per week".
      WEEKLY,
      // Medium and low are both "Between once per week and once per month":
      // at least monthly is medium, less often is low (the report gives low
      // no separate number).
      MONTHLY,
    ],
    leadTimeSeconds: [
      // Elite "Less than one day".
      DAY,
      // High "Between one day and one week".
      WEEK,
      // Medium and low are both "Between one week and one month": under a
      // month is medium, longer is low (no separate number for low).
      MONTH,
    ],
    changeFailureRatio: [
      // The report gives one figure per level, not a range: elite "5%",
      // high "10%", medium "15%", low "64%". The first three are read as
      // inclusive upper limits; above 15% is low.
      0.05, 0.1, 0.15,
    ],
    recoverySeconds: [
      // Failed deployment recovery time. Elite "Less than one hour".
      HOUR,
      // High "Less than one day".
      DAY,
      // Medium "Between one day and one week"; low "Between one month and
      // six months". The gap from one week to one month is low; the report
      // has no level beyond six months, which is low too.
      WEEK,
    ],
  },
  // Accelerate State of DevOps 2024, p. 13, table of software delivery
  // performance levels (its page is named by DORA's errata,
  // https://dora.dev/research/2024/errata/, "p. 13 The colors in the table
  // are off"):
  // https://dora.dev/research/2024/dora-report/2024-dora-accelerate-state-of-devops-report.pdf#page=13
  // The report's PDF text could not be read here; the wording below is the
  // table's as DORA published it, not re-checked against the PDF.
  '2024': {
    source: 'Accelerate State of DevOps Report 2024 (DORA, Google Cloud)',
    sourceUrl: `${REPORT_2024}#page=13`,
    recoveryMetric: 'failedDeploymentRecoveryTime',
    deploymentsPerWeek: [
      // Elite "On demand (multiple deploys per day)".
      DAILY,
      // High "Between once per day and once per week".
      WEEKLY,
      // Medium "Between once per week and once per month"; low "Between
      // once per month and once every six months". The report has no level
      // below once every six months: that is low too.
      MONTHLY,
    ],
    leadTimeSeconds: [
      // Elite "Less than one day".
      DAY,
      // High "Between one day and one week".
      WEEK,
      // Medium "Between one week and one month"; low "Between one month and
      // six months". Beyond six months (no level in the report) is low.
      MONTH,
    ],
    changeFailureRatio: [
      // One figure per level: elite "5%", high "20%", medium "10%", low
      // "40%". Medium's figure is better than high's, so the figures cannot
      // all be upper limits. Tiers stay ordered: <= 5% elite, <= 20% high,
      // above 20% and under low's 40% medium, 40% and above low.
      0.05,
      0.2,
      // The largest ratio below 0.4 as far as a ratio of counts can tell:
      // limits are inclusive, and exactly 40% is low.
      0.4 - 1e-9,
    ],
    recoverySeconds: [
      // Failed deployment recovery time. Elite "Less than one hour".
      HOUR,
      // High and medium are both "Less than one day": under a day is high.
      DAY,
      // Low "Between one week and one month". The gap from one day to one
      // week (no level in the report) is medium, so medium stays reachable;
      // beyond one month (no level) is low.
      WEEK,
    ],
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

function recovery(
  benchmark: DoraBenchmark,
  metric: DoraRecoveryMetric,
  seconds: number | null,
): DoraTier | null {
  const table = DORA_BENCHMARKS[benchmark];
  if (seconds === null || table.recoveryMetric !== metric) return null;
  return below(seconds, table.recoverySeconds, false);
}

/**
 * Tier of each key metric in a benchmark table; `null` without samples, and
 * for the recovery metric the table does not tier.
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
  /** Time to restore: tiered by the 2021 table only, `null` for 2023 and 2024. */
  timeToRestore(benchmark: DoraBenchmark, seconds: number | null) {
    return recovery(benchmark, 'timeToRestore', seconds);
  },
  /** Failed deployment recovery time: tiered from 2023 on, `null` for 2021. */
  failedDeploymentRecovery(benchmark: DoraBenchmark, seconds: number | null) {
    return recovery(benchmark, 'failedDeploymentRecoveryTime', seconds);
  },
  /** The worst of the given tiers, ignoring `null`; `null` if none. */
  overall(tiers: Array<DoraTier | null>): DoraTier | null {
    const order: DoraTier[] = ['elite', 'high', 'medium', 'low'];
    const known = tiers.filter((t): t is DoraTier => t !== null);
    if (known.length === 0) return null;
    return order[Math.max(...known.map(t => order.indexOf(t)))];
  },
};
