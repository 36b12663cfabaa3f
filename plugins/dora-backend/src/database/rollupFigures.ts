import { MetricsFigures } from './types';
import { BucketSamples, FLAG_FAILED, FLAG_REWORK, Series } from './rollupCodec';
import { selectPercentiles } from './selectPercentiles';

const DAY_MS = 86400000;

function valuesIn(
  buckets: BucketSamples[],
  pick: (b: BucketSamples) => Series,
  from: number,
  to: number,
): Float64Array {
  let n = 0;
  for (const b of buckets) n += pick(b).t.length;
  const out = new Float64Array(n);
  let k = 0;
  for (const b of buckets) {
    const { t, v } = pick(b);
    for (let i = 0; i < t.length; i++) {
      if (t[i] >= from && t[i] < to) out[k++] = v[i];
    }
  }
  // Unsorted: percentiles are selected, not read off a sorted copy (an
  // owner's 90 days hold hundreds of thousands of lead times).
  return out.subarray(0, k);
}

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

/**
 * The figures over [from, to) from rollups; the same definitions as the
 * SQL in metricsQueries.ts, which tests hold equal.
 *
 * @internal
 */
export function figuresFromRollups(
  buckets: BucketSamples[],
  from: number,
  to: number,
): MetricsFigures {
  let deployments = 0;
  let failed = 0;
  let rework = 0;
  // One flag per UTC day of the window; cheaper than a Set of day numbers.
  const firstDay = Math.floor(from / DAY_MS);
  const days = new Uint8Array(Math.floor((to - 1) / DAY_MS) - firstDay + 1);
  for (const b of buckets) {
    const { t, v } = b.deployments;
    for (let i = 0; i < t.length; i++) {
      if (t[i] < from || t[i] >= to) continue;
      deployments++;
      days[Math.floor(t[i] / DAY_MS) - firstDay] = 1;
      if (v[i] & FLAG_FAILED) failed++;
      if (v[i] & FLAG_REWORK) rework++;
    }
  }
  const lead = valuesIn(buckets, b => b.lead, from, to);
  const [leadMedian, leadP90] = selectPercentiles(lead, [0.5, 0.9]);
  const restore = valuesIn(buckets, b => b.restore, from, to);
  const recovery = valuesIn(buckets, b => b.recovery, from, to);
  return {
    deployments,
    deploymentDays: days.reduce((a, b) => a + b, 0),
    failedDeployments: failed,
    reworkDeployments: rework,
    leadTime: {
      samples: lead.length,
      median: seconds(leadMedian),
      p90: seconds(leadP90),
    },
    restore: {
      samples: restore.length,
      median: seconds(selectPercentiles(restore, [0.5])[0]),
    },
    recovery: {
      samples: recovery.length,
      median: seconds(selectPercentiles(recovery, [0.5])[0]),
    },
  };
}
