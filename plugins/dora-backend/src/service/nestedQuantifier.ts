const QUANTIFIER = /^(?:[+*]|\{\d+,\d*\})/;

/**
 * Whether a regular expression source repeats a group that itself holds an
 * unbounded quantifier, e.g. `(a+)+` or `(\w*\s?)*`: the shape that
 * backtracks exponentially on a near-miss such as `aaaa…a!`. A heuristic
 * for configuration, not a proof of safety (overlapping alternations like
 * `(a|aa)+` pass).
 *
 * @internal
 */
export function hasNestedQuantifier(source: string): boolean {
  // For each open group: whether it holds an unbounded quantifier so far.
  const groups: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      inClass = c !== ']';
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      groups.push(false);
    } else if (c === ')') {
      const quantified = groups.pop() ?? false;
      const repeated = QUANTIFIER.test(source.slice(i + 1));
      if (quantified && repeated) return true;
      if (quantified && groups.length > 0) groups[groups.length - 1] = true;
    } else if (QUANTIFIER.test(source.slice(i)) && groups.length > 0) {
      groups[groups.length - 1] = true;
    }
  }
  return false;
}
