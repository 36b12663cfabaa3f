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
  private readonly intervals: Array<[number, number]>;

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
    this.intervals = merged;
  }

  counts(from: number, to: number): SliCounts {
    if (to <= from) {
      return { good: 0, total: 0 };
    }
    let downMs = 0;
    for (const [a, b] of this.intervals) {
      if (a >= to) break;
      downMs += Math.max(0, Math.min(b, to) - Math.max(a, from));
    }
    const total = (to - from) / 1000;
    return { good: total - downMs / 1000, total };
  }
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

  private lowerBound(t: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  counts(from: number, to: number): SliCounts {
    const a = this.lowerBound(from);
    const b = this.lowerBound(to);
    return {
      good: this.goodPrefix[b] - this.goodPrefix[a],
      total: this.totalPrefix[b] - this.totalPrefix[a],
    };
  }
}
