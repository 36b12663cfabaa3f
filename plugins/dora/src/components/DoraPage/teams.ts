import {
  Entity,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** A group of the catalog, as the team picker shows it. */
export interface Team {
  ref: string;
  title: string;
  childRefs: string[];
}

/** Groups as teams, sorted by title; children from `parentOf` relations. */
export function toTeams(groups: Entity[]): Team[] {
  return groups
    .map(group => ({
      ref: stringifyEntityRef(group),
      title:
        (group.spec?.profile as { displayName?: string } | undefined)
          ?.displayName ??
        group.metadata.title ??
        group.metadata.name,
      childRefs: (group.relations ?? [])
        .filter(r => r.type === RELATION_PARENT_OF)
        .map(r => r.targetRef),
    }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** The first of the user's ownership refs that is a team, else the first team. */
export function defaultTeam(
  teams: Team[],
  ownershipRefs: string[],
): string | undefined {
  const own = ownershipRefs.find(ref => teams.some(t => t.ref === ref));
  return own ?? teams[0]?.ref;
}
