import type { CheckEntityFilter, CheckRemediation } from './types';

/**
 * What a campaign asks of every entity it covers: one check passing (an
 * exempt check counts as passing), or one level reached.
 *
 * @public
 */
export type CampaignGoal = { check: string } | { level: string };

/**
 * Which entities a campaign covers; every given field must match
 * (case-insensitive). `annotation` is a key the entity must have.
 *
 * @public
 */
export interface CampaignEntityFilter extends CheckEntityFilter {
  /** The annotation. */
  annotation?: string;
}

/**
 * The fields of a new campaign (`POST /api/scorecard/campaigns`).
 *
 * @public
 */
export interface CampaignInput {
  /** The title. */
  title: string;
  /** The description. */
  description?: string;
  /** The goal. */
  goal: CampaignGoal;
  /** The filter. */
  filter: CampaignEntityFilter;
  /** ISO 8601 date, e.g. `2027-03-31`. */
  deadline: string;
  /** The group that runs the campaign, e.g. `group:default/platform`. */
  owner: string;
}

/**
 * A campaign with its overall progress, as listed by `GET /campaigns`.
 *
 * @public
 */
export interface CampaignSummary extends CampaignInput {
  /** The id. */
  id: string;
  /** The description. */
  description: string;
  /** `config` for campaigns from app-config, `api` for created ones. */
  source: 'config' | 'api';
  /** ISO 8601 time it was closed, or null while open. */
  closedAt: string | null;
  /** Entities covered that meet the goal. */
  done: number;
  /** Entities covered. */
  total: number;
}

/**
 * One team's progress: its own entities and its child groups'.
 *
 * @public
 */
export interface CampaignTeamProgress {
  /** Group ref, or null for entities without an owner. */
  team: string | null;
  /** The done. */
  done: number;
  /** The total. */
  total: number;
}

/**
 * One stored day of a campaign (UTC), for the whole campaign.
 *
 * @public
 */
export interface CampaignHistoryPoint {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  /** The done. */
  done: number;
  /** The total. */
  total: number;
}

/**
 * An entity of the campaign that does not meet the goal yet.
 *
 * @public
 */
export interface CampaignLaggard {
  /** The entity ref. */
  entityRef: string;
  /** The owner. */
  owner: string | null;
  /** The goal's check (or the failing checks up to the goal level). */
  failingChecks: Array<{
    id: string;
    title: string;
    remediation: CheckRemediation | null;
  }>;
}

/**
 * Response of `GET /api/scorecard/campaigns/:id`. Progress, teams and
 * laggards count only the entities the caller may read; `history` is the
 * stored daily progress of the whole campaign.
 *
 * @public
 */
export interface CampaignDetail extends CampaignSummary {
  /** The teams. */
  teams: CampaignTeamProgress[];
  /** The history. */
  history: CampaignHistoryPoint[];
  /** At most 200 entities, by entity ref. */
  entitiesNotDone: CampaignLaggard[];
  /** How many entities are not done in all (may exceed the list). */
  entitiesNotDoneCount: number;
  /** Fleet upgrade state of each entity the caller can see, by entity ref. */
  upgrades?: CampaignUpgrade[];
}

/**
 * Where a fleet upgrade of one campaign entity stands:
 * `opened`, `already-open`, `merged`, `up-to-date`, `conflicts` or
 * `failed` (see `reason`).
 *
 * @public
 */
export type CampaignUpgradeState =
  | 'opened'
  | 'already-open'
  | 'merged'
  | 'up-to-date'
  | 'conflicts'
  | 'failed';

/**
 * The golden-path upgrade of one entity of a campaign
 * (`POST /api/scorecard/campaigns/:id/upgrades`).
 *
 * @public
 */
export interface CampaignUpgrade {
  /** The entity ref. */
  entityRef: string;
  /** Where the upgrade stands. */
  state: CampaignUpgradeState;
  /** `owner/repo` or `group/project`; empty when unknown. */
  repository: string;
  /** The pull request (GitHub) or merge request (GitLab), when there is one. */
  changeRequest?: { number: number; url: string };
  /** Why the upgrade failed. */
  reason?: string;
  /** ISO 8601 time the state was stored. */
  updatedAt: string;
}

/**
 * Response of `POST /api/scorecard/campaigns/:id/upgrades` (202).
 *
 * @public
 */
export interface CampaignUpgradeStart {
  /** How many entities this run will upgrade. */
  started: number;
}

/**
 * Response of `GET /api/scorecard/campaigns`.
 *
 * @public
 */
export interface CampaignList {
  /** The items. */
  items: CampaignSummary[];
}

/**
 * A campaign an entity is part of, on the entity's scorecard.
 *
 * @public
 */
export interface EntityCampaign {
  /** The id. */
  id: string;
  /** The title. */
  title: string;
  /** The deadline. */
  deadline: string;
  /** Whether this entity meets the goal. */
  done: boolean;
}
