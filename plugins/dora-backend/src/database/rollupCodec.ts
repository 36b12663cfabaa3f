/*
 * The samples of one entity and UTC month, as needed by owner queries,
 * packed into one float64 array: a header of four lengths, then
 * deployments (finishedAt, flags), lead times (finishedAt, ms), restore
 * times (openedAt, ms) and recovery times (deployment finishedAt, ms).
 */

/** Deployment flags in a rollup. @internal */
export const FLAG_FAILED = 1;
/** @internal */
export const FLAG_REWORK = 2;

/** Time-stamped values. @internal */
export interface Series {
  t: ArrayLike<number>;
  v: ArrayLike<number>;
}

/** Samples of one rollup bucket. @internal */
export interface BucketSamples {
  deployments: Series;
  lead: Series;
  restore: Series;
  recovery: Series;
}

const KEYS = ['deployments', 'lead', 'restore', 'recovery'] as const;

/** @internal */
export function emptyBucket(): {
  [K in keyof BucketSamples]: { t: number[]; v: number[] };
} {
  return {
    deployments: { t: [], v: [] },
    lead: { t: [], v: [] },
    restore: { t: [], v: [] },
    recovery: { t: [], v: [] },
  };
}

/** @internal */
export function encodeBucket(bucket: BucketSamples): Buffer {
  const lengths = KEYS.map(k => bucket[k].t.length);
  const out = new Float64Array(4 + 2 * lengths.reduce((a, b) => a + b, 0));
  out.set(lengths, 0);
  let offset = 4;
  for (const key of KEYS) {
    out.set(Array.from(bucket[key].t), offset);
    offset += bucket[key].t.length;
    out.set(Array.from(bucket[key].v), offset);
    offset += bucket[key].v.length;
  }
  return Buffer.from(out.buffer);
}

/** @internal */
export function decodeBucket(data: Buffer | Uint8Array): BucketSamples {
  // Drivers' buffers are not necessarily 8-byte aligned: copy only then.
  let all: Float64Array;
  if (data.byteOffset % 8 === 0) {
    all = new Float64Array(data.buffer, data.byteOffset, data.byteLength / 8);
  } else {
    const copy = new Uint8Array(data.byteLength);
    copy.set(data);
    all = new Float64Array(copy.buffer);
  }
  let offset = 4;
  const series = (i: number): Series => {
    const n = all[i];
    const t = all.subarray(offset, offset + n);
    const v = all.subarray(offset + n, offset + 2 * n);
    offset += 2 * n;
    return { t, v };
  };
  return {
    deployments: series(0),
    lead: series(1),
    restore: series(2),
    recovery: series(3),
  };
}

/** UTC month number of epoch ms: year * 12 + month index. @internal */
export function monthOf(ms: number): number {
  const d = new Date(ms);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Epoch ms at the start of a month number. @internal */
export function monthStart(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1);
}
