/*
 * QPROF=1: time spent per SQL statement (from knex's `query` to its
 * `query-response`, so the driver's row decoding is included), printed per
 * phase of the bench, plus the SQL share of single timed calls, so a figure
 * can be split into database time and JavaScript time.
 */
import { Knex } from 'knex';

export interface SqlProfile {
  /** Prints the statements of the phase that just ended and starts anew. */
  phase(label: string): void;
  /** Times `fn`, returning its wall time and the SQL time inside it. */
  split<T>(
    fn: () => Promise<T>,
  ): Promise<{ ms: number; sqlMs: number; result: T }>;
}

export function sqlProfile(
  knex: Knex,
  prefix: string,
  enabled = Boolean(process.env.QPROF),
): SqlProfile {
  const totals = new Map<string, { ms: number; n: number }>();
  const starts = new Map<string, [number, string]>();
  let sqlMs = 0;
  if (enabled) {
    knex.on('query', (q: any) =>
      starts.set(q.__knexQueryUid, [
        performance.now(),
        String(q.sql).replace(/\s+/g, ' ').slice(0, 110),
      ]),
    );
    knex.on('query-response', (_r: any, q: any) => {
      const s = starts.get(q.__knexQueryUid);
      if (!s) return;
      starts.delete(q.__knexQueryUid);
      const took = performance.now() - s[0];
      sqlMs += took;
      const t = totals.get(s[1]) ?? { ms: 0, n: 0 };
      t.ms += took;
      t.n++;
      totals.set(s[1], t);
    });
  }
  return {
    phase(label) {
      if (!enabled) return;
      const all = [...totals.values()].reduce((a, t) => a + t.ms, 0);
      console.log(`${prefix} QPROF ${label}: ${all.toFixed(0)} ms of SQL`);
      for (const [sql, t] of [...totals]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, 8)) {
        console.log(
          `  ${t.ms.toFixed(0).padStart(7)} ms ${String(t.n).padStart(
            5,
          )}x ${sql}`,
        );
      }
      totals.clear();
    },
    async split(fn) {
      const sql0 = sqlMs;
      const t0 = performance.now();
      const result = await fn();
      return {
        ms: performance.now() - t0,
        sqlMs: sqlMs - sql0,
        result,
      };
    },
  };
}
