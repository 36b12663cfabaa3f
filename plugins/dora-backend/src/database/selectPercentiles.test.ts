import { percentile } from './metricsQueries';
import { selectPercentiles } from './selectPercentiles';

// A seeded generator: failures reproduce.
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function expected(values: number[], ps: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return ps.map(p => percentile(sorted, p));
}

const PS = [0, 0.1, 0.5, 0.9, 0.99, 1];

describe('selectPercentiles', () => {
  it('answers null for no values', () => {
    expect(selectPercentiles(new Float64Array(0), [0.5, 0.9])).toEqual([
      null,
      null,
    ]);
  });

  it.each([1, 2, 3, 10, 11, 1000, 20001])(
    'equals PERCENTILE_CONT over the sorted array for %i random values',
    n => {
      const next = random(n);
      const values = Array.from({ length: n }, () => Math.round(next() * 1e9));
      expect(selectPercentiles(Float64Array.from(values), PS)).toEqual(
        expected(values, PS),
      );
    },
  );

  const shapes: Record<string, (n: number) => number[]> = {
    ascending: n => Array.from({ length: n }, (_, i) => i),
    descending: n => Array.from({ length: n }, (_, i) => n - i),
    'all equal': n => Array.from({ length: n }, () => 42),
    'two values': n => Array.from({ length: n }, (_, i) => (i % 2) * 1000),
    'organ pipe': n =>
      Array.from({ length: n }, (_, i) => Math.min(i, n - 1 - i)),
    'few distinct': n => Array.from({ length: n }, (_, i) => (i * 7919) % 5),
    sawtooth: n => Array.from({ length: n }, (_, i) => i % 97),
  };
  it.each(Object.keys(shapes))('is exact on %s input', shape => {
    for (const n of [5, 64, 4097]) {
      const values = shapes[shape](n);
      expect(selectPercentiles(Float64Array.from(values), PS)).toEqual(
        expected(values, PS),
      );
    }
  });

  it('interpolates between the two values around a fractional rank', () => {
    // Ranks 0..3 of [10, 20, 30, 40]: the 0.5 rank is 1.5, the 0.9 rank 2.7.
    expect(
      selectPercentiles(Float64Array.from([40, 10, 30, 20]), [0.5, 0.9]),
    ).toEqual([25, 37]);
  });
});
