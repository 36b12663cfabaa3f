import { DoraBuildEvent, DoraEvent } from '@paved-road/plugin-dora-common';
import { DemoProfile } from './profiles';
import { SeededRandom } from './random';

const MINUTE = 60_000;

/**
 * The CI builds of one demo day: one successful `main` build of each
 * production deployment's commit, just before it started, and the day's
 * pull-request builds (some failed, a few cancelled). Drawn from their own
 * random stream, so the deployments and incidents of a day stay as they
 * were before builds existed.
 */
export function demoBuilds(options: {
  seed: string;
  prefix: string;
  entityRef: string;
  source: string;
  profile: DemoProfile;
  deployments: DoraEvent[];
}): Array<{ at: number; event: DoraBuildEvent }> {
  const rng = new SeededRandom(`${options.seed}|builds`);
  // Faster teams have faster builds: ~6 min for 3 h lead times, ~16 min for 20 h.
  const median = 4 * MINUTE + options.profile.leadTimeMedianMs / 100;
  const builds: Array<{ at: number; event: DoraBuildEvent }> = [];
  const add = (
    finishedAt: number,
    pipeline: string,
    status: DoraBuildEvent['status'],
    commitSha: string,
  ) => {
    const duration = Math.max(MINUTE, rng.logNormal(median, 0.4));
    builds.push({
      at: finishedAt,
      event: {
        kind: 'build',
        source: options.source,
        id: `${options.prefix}-build-${builds.length + 1}`,
        entityRef: options.entityRef,
        pipeline,
        status,
        startedAt: new Date(finishedAt - duration).toISOString(),
        finishedAt: new Date(finishedAt).toISOString(),
        commitSha,
      },
    });
  };
  for (const d of options.deployments) {
    if (d.kind !== 'deployment' || d.environment !== 'production') continue;
    const started = Date.parse(d.startedAt ?? d.finishedAt);
    add(started - rng.between(1, 10) * MINUTE, 'main', 'success', d.commitSha!);
    const pulls = rng.int(0, 2);
    for (let i = 0; i < pulls; i++) {
      const status = rng.weighted<DoraBuildEvent['status']>([
        ['failure', options.profile.failureRate * 3],
        ['cancelled', 0.05],
        ['success', 1 - options.profile.failureRate * 3 - 0.05],
      ]);
      add(
        started - rng.between(30, 240) * MINUTE,
        'pull-request',
        status,
        rng.sha(),
      );
    }
  }
  return builds;
}
