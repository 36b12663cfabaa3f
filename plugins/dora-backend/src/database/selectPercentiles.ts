/**
 * Percentiles of an unsorted array without sorting it: a quickselect puts
 * the values around each rank in place (linear time on average), falling
 * back to a sort of the remaining range when partitions keep coming out
 * lopsided, so no input can make it quadratic.
 */

/**
 * Rearranges `a[left..right]` so that `a[k]` holds the value a sort would
 * put there, with no larger value before it and no smaller one after.
 */
function selectInPlace(
  a: Float64Array,
  k: number,
  left: number,
  right: number,
): void {
  let lo = left;
  let hi = right;
  let budget = 2 * Math.ceil(Math.log2(hi - lo + 2)) + 8;
  while (hi > lo) {
    if (budget-- === 0) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    // Median of three as the pivot; Hoare partition around its value.
    const x = a[lo];
    const y = a[(lo + hi) >>> 1];
    const z = a[hi];
    let pivot: number;
    if (x < y) pivot = y < z ? y : Math.max(x, z);
    else pivot = x < z ? x : Math.max(y, z);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo..j] <= pivot, a[i..hi] >= pivot, and anything between
    // equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * PERCENTILE_CONT of `values` for each of `ps` (ascending, in [0, 1]),
 * exactly as over the sorted array. Reorders `values`.
 *
 * @internal
 */
export function selectPercentiles(
  values: Float64Array,
  ps: number[],
): Array<number | null> {
  const n = values.length;
  if (n === 0) return ps.map(() => null);
  let from = 0;
  return ps.map(p => {
    const pos = p * (n - 1);
    const lo = Math.floor(pos);
    selectInPlace(values, lo, from, n - 1);
    // Every value after `lo` is now at least values[lo]: later (higher)
    // ranks are found among them.
    from = lo;
    const low = values[lo];
    if (pos === lo || lo + 1 >= n) return low;
    let next = Infinity;
    for (let i = lo + 1; i < n; i++) if (values[i] < next) next = values[i];
    return low + (next - low) * (pos - lo);
  });
}
