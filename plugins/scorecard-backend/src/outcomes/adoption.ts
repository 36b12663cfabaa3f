import {
  OutcomesAdoption,
  OutcomesAdoptionFigure,
} from '@paved-road/plugin-scorecard-common';
import { AdoptionCounts, ALL_SERVICES } from './DatabaseOutcomesStore';

/** What the outcomes need of one service (a Component of type service). @internal */
export interface ServiceFacts {
  entityRef: string;
  /** Owner ref, lower case, or null. */
  owner: string | null;
  /** System ref, lower case, or null. */
  system: string | null;
  lifecycle: string | null;
  /** The archetype of the golden-path annotation, when there is one. */
  archetype?: string;
  /** The archetype's current version. */
  currentVersion?: string;
  /** On the current version of its archetype (the `golden-path.current` fact). */
  current: boolean;
  /**
   * When `golden-path:create` made it (`paved-road.dev/scaffolded-at`,
   * epoch ms), when it says so.
   */
  scaffoldedAt?: number;
}

/** Counts to a figure with shares (null without services). @internal */
export function figureOf(counts: {
  services: number;
  goldenPath: number;
  current: number;
}): OutcomesAdoptionFigure {
  const share = (n: number) =>
    counts.services === 0 ? null : n / counts.services;
  return {
    services: counts.services,
    goldenPath: counts.goldenPath,
    current: counts.current,
    shareGoldenPath: share(counts.goldenPath),
    shareCurrent: share(counts.current),
  };
}

class Tally {
  readonly counts = new Map<string, AdoptionCounts>();

  add(key: string, service: ServiceFacts) {
    const c = this.counts.get(key) ?? {
      team: key,
      services: 0,
      goldenPath: 0,
      current: 0,
    };
    c.services++;
    if (service.archetype !== undefined) c.goldenPath++;
    if (service.current) c.current++;
    this.counts.set(key, c);
  }

  sorted() {
    return [...this.counts.values()].sort((a, b) =>
      a.team.localeCompare(b.team),
    );
  }
}

/**
 * Adoption counts overall (team `*`) and per team, a group counting the
 * services of its child groups (`teamsOf` gives an owner and its ancestors).
 *
 * @internal
 */
export function adoptionCounts(
  services: ServiceFacts[],
  teamsOf: (owner: string) => string[],
): AdoptionCounts[] {
  const tally = new Tally();
  for (const s of services) {
    tally.add(ALL_SERVICES, s);
    for (const team of s.owner ? teamsOf(s.owner) : []) tally.add(team, s);
  }
  return tally.sorted();
}

/** The adoption figures of the services: overall, per team, system and archetype. @internal */
export function adoptionOf(
  services: ServiceFacts[],
  teamsOf: (owner: string) => string[],
  truncated: boolean,
): OutcomesAdoption {
  const counts = adoptionCounts(services, teamsOf);
  const systems = new Tally();
  const archetypes = new Tally();
  const versions = new Map<string, string>();
  for (const s of services) {
    if (s.system) systems.add(s.system, s);
    if (s.archetype !== undefined) {
      archetypes.add(s.archetype, s);
      versions.set(s.archetype, s.currentVersion ?? '');
    }
  }
  const overall = counts.find(c => c.team === ALL_SERVICES);
  return {
    overall: figureOf(overall ?? { services: 0, goldenPath: 0, current: 0 }),
    byTeam: counts
      .filter(c => c.team !== ALL_SERVICES)
      .map(({ team, ...c }) => ({ team, ...figureOf(c) })),
    bySystem: systems
      .sorted()
      .map(({ team, ...c }) => ({ system: team, ...figureOf(c) })),
    byArchetype: archetypes.sorted().map(({ team, ...c }) => ({
      archetype: team,
      currentVersion: versions.get(team) ?? '',
      ...figureOf(c),
    })),
    truncated,
  };
}

const DAY_MS = 86_400_000;

/** Most estimated points: a quarter of weekly points. @internal */
export const MAX_ESTIMATED_POINTS = 13;

/**
 * Adoption counts for days before anything was recorded, estimated from
 * `paved-road.dev/scaffolded-at`: a scaffolded service counts from the end
 * of that day on (it did not exist before), every other service as it is
 * today. One point a week back from `before` (a `YYYY-MM-DD`, excluded),
 * none before `from`, at most {@link MAX_ESTIMATED_POINTS}; oldest first.
 *
 * @internal
 */
export function estimateHistory(
  services: ServiceFacts[],
  teamsOf: (owner: string) => string[],
  range: { from: string; before: string },
): Array<{ day: string; rows: AdoptionCounts[] }> {
  const points: Array<{ day: string; rows: AdoptionCounts[] }> = [];
  const from = Date.parse(`${range.from}T00:00:00Z`);
  for (let i = 1; i <= MAX_ESTIMATED_POINTS; i++) {
    const start = Date.parse(`${range.before}T00:00:00Z`) - 7 * i * DAY_MS;
    if (start < from) break;
    const end = start + DAY_MS;
    const existing = services.filter(
      s => s.scaffoldedAt === undefined || s.scaffoldedAt < end,
    );
    points.unshift({
      day: new Date(start).toISOString().slice(0, 10),
      rows: adoptionCounts(existing, teamsOf),
    });
  }
  return points;
}
