import { Entity } from '@backstage/catalog-model';
import {
  CampaignEntityFilter,
  CampaignGoal,
  CampaignLaggard,
  CampaignTeamProgress,
  EntityScorecard,
  ScorecardLevel,
} from '@paved-road/plugin-scorecard-common';
import { compileFilter } from '../engine/filters';
import { GroupTree } from './groupTree';

/** One entity with a stored scorecard, as campaigns see it. @internal */
export interface CampaignCandidate {
  entityRef: string;
  owner: string | null;
  scorecard: EntityScorecard;
}

/** Whether an entity is covered by a campaign filter. @internal */
export function compileCampaignFilter(
  filter: CampaignEntityFilter,
): (entity: Entity) => boolean {
  const { annotation, ...rest } = filter;
  const base = compileFilter(rest);
  return entity =>
    base(entity) &&
    (!annotation ||
      Object.prototype.hasOwnProperty.call(
        entity.metadata.annotations ?? {},
        annotation,
      ));
}

/**
 * Whether a scorecard meets the goal: `true`, `false`, or `undefined` when
 * the goal's check does not apply (`skipped`), so the entity is not part of
 * the campaign. An exempt check counts as passing.
 *
 * @internal
 */
export function meetsGoal(
  goal: CampaignGoal,
  scorecard: EntityScorecard,
  levels: ScorecardLevel[],
): boolean | undefined {
  if ('check' in goal) {
    const check = scorecard.checks.find(c => c.id === goal.check);
    if (!check || check.status === 'skipped') return undefined;
    return check.status === 'pass' || check.status === 'exempt';
  }
  const wanted = levels.findIndex(l => l.id === goal.level);
  const held = scorecard.level
    ? levels.findIndex(l => l.id === scorecard.level!.id)
    : -1;
  return held >= wanted;
}

/** The checks standing between an entity and the goal. */
function blockers(
  goal: CampaignGoal,
  scorecard: EntityScorecard,
  levels: ScorecardLevel[],
): CampaignLaggard['failingChecks'] {
  const failing = (s: string) => s === 'fail' || s === 'error';
  let relevant;
  if ('check' in goal) {
    relevant = scorecard.checks.filter(c => c.id === goal.check);
  } else {
    const upTo = new Set(
      levels
        .slice(0, levels.findIndex(l => l.id === goal.level) + 1)
        .map(l => l.id),
    );
    relevant = scorecard.checks.filter(
      c => c.level !== null && upTo.has(c.level) && failing(c.status),
    );
  }
  return relevant.map(c => ({
    id: c.id,
    title: c.title,
    remediation: c.remediation,
  }));
}

/** A campaign's progress over a set of entities. @internal */
export interface CampaignProgress {
  done: number;
  total: number;
  /** Per team, with every descendant group's entities counted in. */
  teams: CampaignTeamProgress[];
  /** Every entity not done, by entity ref. */
  notDone: CampaignLaggard[];
}

/**
 * Counts the covered entities meeting the goal, overall and per team; an
 * entity counts for its owner and for every ancestor group of its owner.
 *
 * @internal
 */
export function computeProgress(options: {
  goal: CampaignGoal;
  filter: CampaignEntityFilter;
  levels: ScorecardLevel[];
  candidates: CampaignCandidate[];
  /** The catalog entity of each candidate (lower-case ref), for the filter. */
  entities: Map<string, Entity>;
  groups: GroupTree;
}): CampaignProgress {
  const matches = compileCampaignFilter(options.filter);
  const teams = new Map<string | null, { done: number; total: number }>();
  const notDone: CampaignLaggard[] = [];
  let done = 0;
  let total = 0;
  for (const c of options.candidates) {
    const entity = options.entities.get(c.entityRef.toLowerCase());
    if (!entity || !matches(entity)) continue;
    const met = meetsGoal(options.goal, c.scorecard, options.levels);
    if (met === undefined) continue;
    total += 1;
    if (met) done += 1;
    else {
      notDone.push({
        entityRef: c.entityRef,
        owner: c.owner,
        failingChecks: blockers(options.goal, c.scorecard, options.levels),
      });
    }
    const credited = c.owner
      ? options.groups.selfAndAncestors(c.owner)
      : [null];
    for (const team of credited) {
      const entry = teams.get(team) ?? { done: 0, total: 0 };
      entry.total += 1;
      if (met) entry.done += 1;
      teams.set(team, entry);
    }
  }
  return {
    done,
    total,
    teams: [...teams]
      .map(([team, e]) => ({ team, ...e }))
      .sort((a, b) => (a.team ?? '\uffff').localeCompare(b.team ?? '\uffff')),
    notDone: notDone.sort((a, b) => a.entityRef.localeCompare(b.entityRef)),
  };
}
