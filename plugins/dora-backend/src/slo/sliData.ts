/** Good and total events of an SLI over a time range. */
export interface SliCounts {
  good: number;
  total: number;
}

/** Answers good/total counts of an SLI for any range [from, to) in epoch ms. */
export interface SliData {
  /** What one event is: a second of time, or a counted request/sample. */
  readonly unit: 'seconds' | 'events';
  counts(from: number, to: number): SliCounts;
}

/**
 * Availability from incidents: every second of [from, to) is an event, bad
 * while at least one counted incident is open ([openedAt, resolvedAt), an
 * unresolved incident is open until `now`).
 */
export class IncidentSliData implements SliData {
  readonly unit = 'seconds' as const;
  private readonly starts: number[];
  private readonly ends: number[];
  /** downPrefix[i]: downtime (ms) of the first i merged intervals. */
  private readonly downPrefix: number[];

  constructor(
    incidents: Array<{ openedAt: number; resolvedAt: number | null }>,
    now: number,
  ) {
    const sorted = incidents
      .map(i => [i.openedAt, i.resolvedAt ?? now] as [number, number])
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    const merged: Array<[number, number]> = [];
    for (const [a, b] of sorted) {
      const last = merged[merged.length - 1];
      if (last && a <= last[1]) {
        last[1] = Math.max(last[1], b);
      } else {
        merged.push([a, b]);
      }
    }
    this.starts = merged.map(([a]) => a);
    this.ends = merged.map(([, b]) => b);
    this.downPrefix = [0];
    for (const [a, b] of merged) {
      this.downPrefix.push(this.downPrefix[this.downPrefix.length - 1] + b - a);
    }
  }

  // Timeslices SLOs ask for every slice of the window: O(log n) per call.
  counts(from: number, to: number): SliCounts {
    if (to <= from) {
      return { good: 0, total: 0 };
    }
    // Merged intervals are disjoint and sorted, so [first, last) overlap [from, to).
    const first = lowerBound(this.ends, from, true);
    const last = lowerBound(this.starts, to);
    let downMs = 0;
    if (first < last) {
      downMs = this.downPrefix[last] - this.downPrefix[first];
      downMs -= Math.max(0, from - this.starts[first]);
      downMs -= Math.max(0, this.ends[last - 1] - to);
    }
    const total = (to - from) / 1000;
    return { good: total - downMs / 1000, total };
  }
}

/** First index whose value is >= t (> t when `strict`) in an ascending array. */
function lowerBound(values: number[], t: number, strict = false): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < t || (strict && values[mid] === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One step of a sampled SLI (Prometheus range query results). */
export interface SliSample {
  t: number;
  good: number;
  total: number;
}

/** Counted events from samples: a sample at `t` belongs to [from, to) when from <= t < to. */
export class SampledSliData implements SliData {
  readonly unit = 'events' as const;
  private readonly times: number[];
  private readonly goodPrefix: number[];
  private readonly totalPrefix: number[];

  constructor(samples: SliSample[]) {
    const sorted = [...samples].sort((a, b) => a.t - b.t);
    this.times = sorted.map(s => s.t);
    this.goodPrefix = [0];
    this.totalPrefix = [0];
    for (const s of sorted) {
      this.goodPrefix.push(
        this.goodPrefix[this.goodPrefix.length - 1] + s.good,
      );
      this.totalPrefix.push(
        this.totalPrefix[this.totalPrefix.length - 1] + s.total,
      );
    }
  }

  counts(from: number, to: number): SliCounts {
    const a = lowerBound(this.times, from);
    const b = lowerBound(this.times, to);
    return {
      good: this.goodPrefix[b] - this.goodPrefix[a],
      total: this.totalPrefix[b] - this.totalPrefix[a],
    };
  }
}
