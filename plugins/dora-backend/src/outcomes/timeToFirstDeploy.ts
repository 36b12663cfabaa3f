import {
  DoraFirstDeployFigures,
  DoraTimeToFirstDeploy,
} from '@paved-road/plugin-dora-common';
import { percentile } from '../database/metricsQueries';
import { toIso } from '../database/time';
import { OutcomeService } from './outcomeServices';

/** A service scaffolded in the window, with its first deployment if any. @internal */
export interface ScaffoldedService extends OutcomeService {
  scaffoldedAt: number;
  /** Epoch ms of the first production deployment since, or null. */
  firstDeployedAt: number | null;
}

/**
 * Groups scaffolded services per archetype and per UTC month of
 * scaffolding; medians and p90s over the deployed ones only.
 *
 * @internal
 */
export function summarizeFirstDeploys(
  services: ScaffoldedService[],
): DoraTimeToFirstDeploy {
  const byArchetype = groupBy(services, s => s.archetype ?? 'unknown');
  const byMonth = groupBy(services, s => toIso(s.scaffoldedAt).slice(0, 7));
  return {
    byArchetype: [...byArchetype.entries()].map(([archetype, group]) => ({
      archetype,
      ...figures(group),
    })),
    byMonth: [...byMonth.entries()].map(([month, group]) => ({
      month,
      ...figures(group),
    })),
    waiting: services
      .filter(s => s.firstDeployedAt === null)
      .sort(
        (a, b) =>
          a.scaffoldedAt - b.scaffoldedAt ||
          a.entityRef.localeCompare(b.entityRef),
      )
      .map(s => ({
        entityRef: s.entityRef,
        scaffoldedAt: toIso(s.scaffoldedAt),
      })),
  };
}

function figures(group: ScaffoldedService[]): DoraFirstDeployFigures {
  const times = group
    .filter(s => s.firstDeployedAt !== null)
    .map(s => s.firstDeployedAt! - s.scaffoldedAt)
    .sort((a, b) => a - b);
  return {
    services: group.length,
    deployed: times.length,
    medianMs: percentile(times, 0.5),
    p90Ms: percentile(times, 0.9),
  };
}

/** Groups sorted by key. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
