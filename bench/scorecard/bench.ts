/*
 * Scorecard benchmark, printing figures (not part of the unit tests):
 *  1. full evaluation of N entities x 20 checks including fact loading
 *     (catalog and golden-path providers from the entities, a third
 *     provider from memory), several runs;
 *  2. Tech Insights' json-rules-engine checker (jsonfc) on the same facts,
 *     in the same run, with the same pass counts asserted;
 *  3. GET /api/scorecard/entities/... latency through a real test backend
 *     with N results stored (SQLite).
 *
 * Every figure is printed with the 1-minute load average. The full pass on
 * both databases without backend start-up: pass.ts.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/scorecard/bench.ts [--entities=10000] [--runs=5] [--requests=500] [--engine-only]
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScorecardFactProvider } from '@paved-road/plugin-scorecard-node';
import os from 'node:os';
import { readScorecardConfig } from '../../plugins/scorecard-backend/src/config/readScorecardConfig';
import { ScorecardEngine } from '../../plugins/scorecard-backend/src/engine/ScorecardEngine';
import { CatalogFactProvider } from '../../plugins/scorecard-backend/src/facts/CatalogFactProvider';
import { GoldenPathFactProvider } from '../../plugins/scorecard-backend/src/facts/GoldenPathFactProvider';
import { benchApi } from './api';
import { createJsonfcChecker, flatFacts } from './jsonfc';
import { benchProvider, scorecardConfig } from './config';
import { CHECKS, makeEntities, makeMetricFacts } from './workload';

const arg = (name: string, fallback: string) =>
  process.argv.find(a => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const ENTITIES = Number(arg('entities', '10000'));
const RUNS = Number(arg('runs', '5'));
const REQUESTS = Number(arg('requests', '500'));
const PAGE = 1000;
const ONLY_ENGINE = process.argv.includes('--engine-only');
const NOW = Date.parse('2026-11-22T12:00:00Z');

// The machine is shared: each figure carries the load it was measured under.
const log = (line: string) =>
  console.log(`${line} [load ${os.loadavg()[0].toFixed(2)}]`);
const ms = (t: number) => `${t.toFixed(1)} ms`;
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  log(
    `node ${process.version}, ${ENTITIES} entities x ${CHECKS.length} checks, ${RUNS} runs`,
  );
  const entities: Entity[] = makeEntities(ENTITIES);
  const metrics = makeMetricFacts(entities, NOW);
  const config = readScorecardConfig(
    new ConfigReader({ scorecard: scorecardConfig() }),
  );
  const engine = ScorecardEngine.create({
    ...config,
    providers: new Map<string, ScorecardFactProvider>([
      ['catalog', new CatalogFactProvider()],
      ['golden-path', GoldenPathFactProvider.fromConfig(new ConfigReader({}))],
      ['bench', benchProvider(metrics)],
    ]),
    now: () => new Date(NOW),
  });
  const credentials = mockCredentials.service();

  // 1. Ours, as the scheduled pass runs it: pages of 1,000 entities whose
  // results are handed on (here: pass counts kept) and then dropped.
  const results = await engine.evaluate(entities, credentials); // warm-up, and facts for jsonfc
  const fullPass = async () => {
    const counts = new Map<string, number>();
    let evaluated = 0;
    for (let i = 0; i < entities.length; i += PAGE) {
      for (const r of await engine.evaluate(
        entities.slice(i, i + PAGE),
        credentials,
      )) {
        evaluated++;
        for (const c of r.scorecard.checks) {
          if (c.status === 'pass')
            counts.set(c.id, (counts.get(c.id) ?? 0) + 1);
        }
      }
    }
    return { counts, evaluated };
  };
  const times: number[] = [];
  let ourRun = await fullPass();
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    ourRun = await fullPass();
    times.push(performance.now() - t0);
  }
  const ours = median(times);
  log(
    `scorecard engine: median ${ms(ours)}, min ${ms(
      Math.min(...times),
    )}, max ${ms(Math.max(...times))} (${
      ourRun.evaluated
    } entities evaluated, pages of ${PAGE})`,
  );

  if (ONLY_ENGINE) return;

  // 2. jsonfc on the same observed values.
  const factsByEntity = new Map<string, Record<string, unknown>>();
  for (const r of results) {
    const observed = new Map(r.scorecard.checks.map(c => [c.id, c.value]));
    factsByEntity.set(r.scorecard.entityRef, flatFacts(observed, NOW));
  }
  const checker = createJsonfcChecker(factsByEntity, entities);
  const t0 = performance.now();
  const passes = new Map<string, number>();
  for (const ref of factsByEntity.keys()) {
    for (const res of await checker.runChecks(ref)) {
      if (res.result)
        passes.set(res.check.id, (passes.get(res.check.id) ?? 0) + 1);
    }
  }
  const theirs = performance.now() - t0;
  log(
    `tech-insights jsonfc: ${ms(theirs)} -> scorecard is ${(
      theirs / ours
    ).toFixed(1)}x faster`,
  );
  const ourPasses = ourRun.counts;
  const differing = CHECKS.filter(
    c => (ourPasses.get(c.id) ?? 0) !== (passes.get(c.id) ?? 0),
  );
  log(
    differing.length === 0
      ? 'same pass counts for all 20 checks in both engines'
      : `pass counts differ for: ${differing
          .map(
            c =>
              `${c.id} (${ourPasses.get(c.id) ?? 0} vs ${
                passes.get(c.id) ?? 0
              })`,
          )
          .join(', ')}`,
  );

  // 3. API latency with N results stored.
  const api = await benchApi({
    entities,
    metrics,
    config: scorecardConfig(),
    requests: REQUESTS,
  });
  log(
    `GET /api/scorecard/entities/:kind/:namespace/:name with ${
      api.stored
    } stored (SQLite, in-memory catalog): p50 ${ms(api.p50)}, p95 ${ms(
      api.p95,
    )}, p99 ${ms(
      api.p99,
    )} over ${REQUESTS} requests (full pass storing them: ${ms(api.passMs)})`,
  );
  await api.stop();
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
