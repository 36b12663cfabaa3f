/**
 * Status of one check for one entity: `skipped` when the check does not
 * apply to the entity, `error` when its facts could not be loaded, `exempt`
 * when it did not pass but an approved, unexpired exemption covers it (it
 * counts as passing for the score and the level).
 *
 * @public
 */
export type CheckStatus = 'pass' | 'fail' | 'error' | 'skipped' | 'exempt';

/**
 * Every operator a check can use, in the order the docs list them.
 *
 * @public
 */
export const CHECK_OPERATORS = [
  'exists',
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'matches',
  'withinDays',
] as const;

/**
 * How a check compares the observed fact with its configured value.
 *
 * @public
 */
export type CheckOperator = (typeof CHECK_OPERATORS)[number];

/**
 * A maturity level, e.g. bronze, silver, gold. Levels are ordered.
 *
 * @public
 */
export interface ScorecardLevel {
  /** Id that checks refer to, e.g. `gold`. */
  id: string;
  /** Shown on the badge, e.g. `Gold`. */
  title: string;
}

/**
 * How to fix a failing check: prose, a link, and/or a scaffolder template
 * (`template:default/add-techdocs` or just `add-techdocs`) that fixes it.
 *
 * @public
 */
export interface CheckRemediation {
  /** What to do, in a sentence. */
  text?: string;
  /** A page that explains how. */
  url?: string;
  /** A scaffolder template that fixes it. */
  template?: string;
}

/**
 * Which entities a check applies to. Every given list must contain the
 * entity's value (case-insensitive); `tag` matches any of the entity's tags.
 *
 * @public
 */
export interface CheckEntityFilter {
  /** Entity kinds, e.g. `component`. */
  kind?: string[];
  /** Values of `spec.type`, e.g. `service`. */
  type?: string[];
  /** Values of `spec.lifecycle`. */
  lifecycle?: string[];
  /** Tags; any one is enough. */
  tag?: string[];
  /** Owners as entity refs (`group:default/team-a`) or names. */
  owner?: string[];
}

/**
 * A configured check, as returned by `GET /api/scorecard/checks`.
 *
 * @public
 */
export interface ScorecardCheck {
  /** Unique id of the check. */
  id: string;
  /** Short title shown on the card. */
  title: string;
  /** Longer explanation. */
  description?: string;
  /** Groups checks on the card; `General` unless configured. */
  category: string;
  /** Id of the level the check belongs to, if any. */
  level?: string;
  /** Relative weight in the score, 1 unless configured. */
  weight: number;
  /** `<provider>:<fact>`, e.g. `catalog:annotation:backstage.io/techdocs-ref`. */
  fact: string;
  /** How the fact is compared with `value`. */
  operator: CheckOperator;
  /** What the fact is compared with. */
  value?: unknown;
  /** Which entities the check applies to; all when absent. */
  filter?: CheckEntityFilter;
  /** How to fix a failing check. */
  remediation?: CheckRemediation;
}

/**
 * Response of `GET /api/scorecard/checks`.
 *
 * @public
 */
export interface ScorecardChecksResponse {
  /** Levels, lowest first. */
  levels: ScorecardLevel[];
  /** Checks in configuration order. */
  checks: ScorecardCheck[];
  /** How exemptions may be requested. */
  exemptions: ScorecardExemptionPolicy;
}

/**
 * How exemptions may be requested, from `scorecard.exemptions`.
 *
 * @public
 */
export interface ScorecardExemptionPolicy {
  /** The latest `expiresAt` a request may ask for, as milliseconds from now. */
  maxDurationMs: number;
  /** Whether requests are approved as soon as they are made. */
  autoApprove: boolean;
}

/**
 * The exemption that turned a check `exempt`.
 *
 * @public
 */
export interface CheckExemption {
  /** Id of the exemption. */
  id: string;
  /** Why the check may fail, as the requester wrote it. */
  justification: string;
  /** ISO 8601 time at which the exemption ends. */
  expiresAt: string;
  /** Who approved it: a user entity ref, or `auto-approve` when configured so. */
  approvedBy: string;
}

/**
 * The outcome of one check for one entity.
 *
 * @public
 */
export interface CheckResult {
  /** Id of the check. */
  id: string;
  /** Title of the check. */
  title: string;
  /** Category of the check. */
  category: string;
  /** Id of the level the check belongs to, or null. */
  level: string | null;
  /** Outcome for this entity. */
  status: CheckStatus;
  /** The observed fact value (JSON), `null` when absent. */
  value: unknown;
  /** What was found and what was expected, or why it errored. */
  message: string;
  /** How to fix it; null for skipped checks and checks without one. */
  remediation: CheckRemediation | null;
  /** The exemption, when `status` is `exempt`. */
  exemption?: CheckExemption;
}

/**
 * Response of `GET /api/scorecard/entities/:kind/:namespace/:name` and of
 * its `refresh`.
 *
 * @public
 */
export interface EntityScorecard {
  /** The entity, e.g. `component:default/payments-api`. */
  entityRef: string;
  /** ISO 8601 time of the evaluation. */
  evaluatedAt: string;
  /** 0-100: weighted share of applicable checks passing. */
  score: number;
  /** The highest level held, or null below the first. */
  level: ScorecardLevel | null;
  /** The level after `level`, or null at the top. */
  nextLevel: ScorecardLevel | null;
  /** Every configured check, `skipped` where it does not apply. */
  checks: CheckResult[];
  /**
   * The open campaigns whose filter matches the entity (entity route only).
   */
  campaigns?: EntityCampaign[];
}

/**
 * One evaluation kept in the history.
 *
 * @public
 */
export interface ScorecardHistoryPoint {
  /** ISO 8601 time of the evaluation. */
  evaluatedAt: string;
  /** Score then, 0-100. */
  score: number;
  /** Id of the level then, or null. */
  level: string | null;
  /** Status per check id. */
  checks: Record<string, CheckStatus>;
}

/**
 * Response of `GET /api/scorecard/entities/:kind/:namespace/:name/history`,
 * oldest first.
 *
 * @public
 */
export interface ScorecardHistory {
  /** The entity. */
  entityRef: string;
  /** Evaluations in the window, oldest first. */
  items: ScorecardHistoryPoint[];
}

/**
 * One entity in the overview.
 *
 * @public
 */
export interface ScorecardOverviewItem {
  /** The entity. */
  entityRef: string;
  /** Kind, lowercase. */
  kind: string;
  /** Namespace. */
  namespace: string;
  /** Name. */
  name: string;
  /** Owner as a full lowercase entity ref, or null. */
  owner: string | null;
  /** Latest score, 0-100. */
  score: number;
  /** Latest level, or null. */
  level: ScorecardLevel | null;
  /** ISO 8601 time of the latest evaluation. */
  evaluatedAt: string;
  /** Ids of checks that failed or errored. */
  failingChecks: string[];
  /** Ids of checks that are exempt. */
  exemptChecks: string[];
}

/**
 * Response of `GET /api/scorecard/overview`; pass `nextCursor` back as
 * `cursor` for the next page.
 *
 * @public
 */
export interface ScorecardOverviewPage {
  /** Entities of this page, by entity ref. */
  items: ScorecardOverviewItem[];
  /** Cursor of the next page, or null on the last. */
  nextCursor: string | null;
}

/**
 * One owner's share of entities at each level, from
 * `GET /api/scorecard/overview/rollup`. `none` counts entities below the
 * first level.
 *
 * @public
 */
export interface ScorecardOwnerRollup {
  /** Owner as a full lowercase entity ref, or null for unowned entities. */
  owner: string | null;
  /** Number of entities. */
  total: number;
  /** Average score, rounded. */
  averageScore: number;
  /** Entities per level id (`none` below the first level). */
  levels: Record<string, number>;
}

/**
 * Response of `GET /api/scorecard/overview/rollup`.
 *
 * @public
 */
export interface ScorecardRollup {
  /** Levels, lowest first. */
  levels: ScorecardLevel[];
  /** One row per owner, by owner ref. */
  owners: ScorecardOwnerRollup[];
}

/**
 * Health of the scorecard backend as returned by `GET /api/scorecard/health`.
 *
 * @public
 */
export interface ScorecardHealth {
  /** Always `ok` when the backend answers. */
  status: 'ok';
  /** Ids of the installed fact providers. */
  providers: string[];
}

/**
 * Where an exemption stands: `pending` until approved or denied; `expired`
 * once its `expiresAt` passed (an approved one stops applying then, a
 * pending one can no longer be approved).
 *
 * @public
 */
export type ScorecardExemptionStatus =
  | 'pending'
  | 'approved'
  | 'denied'
  | 'expired';

/**
 * Every exemption status, in the order of their life.
 *
 * @public
 */
export const SCORECARD_EXEMPTION_STATUSES: ReadonlyArray<ScorecardExemptionStatus> =
  ['pending', 'approved', 'denied', 'expired'];

/**
 * An exemption of one entity from one check, as returned by the exemption
 * routes.
 *
 * @public
 */
export interface ScorecardExemption {
  /** Opaque id, used in `POST /exemptions/:id/decision`. */
  id: string;
  /** The entity, e.g. `component:default/payments-api`. */
  entityRef: string;
  /** Id of the check. */
  checkId: string;
  /** Why the check may fail. */
  justification: string;
  /** Who asked: a user entity ref, or a service subject. */
  requestedBy: string;
  /** ISO 8601 time of the request. */
  requestedAt: string;
  /** ISO 8601 time at which the exemption ends. */
  expiresAt: string;
  /** Where it stands. */
  status: ScorecardExemptionStatus;
  /** Who approved or denied it (`auto-approve` when configured), or null. */
  decidedBy: string | null;
  /** ISO 8601 time of the decision (or of the expiry), or null. */
  decidedAt: string | null;
  /** The approver's comment, or null. */
  comment: string | null;
}

/**
 * Body of `POST /api/scorecard/entities/:kind/:namespace/:name/exemptions`.
 *
 * @public
 */
export interface ScorecardExemptionRequest {
  /** Id of a check that applies to the entity. */
  checkId: string;
  /** Why the check may fail; 10 to 2,000 characters. */
  justification: string;
  /** ISO 8601 time in the future, at most `maxDuration` from now. */
  expiresAt: string;
}

/**
 * Body of `POST /api/scorecard/exemptions/:id/decision`.
 *
 * @public
 */
export interface ScorecardExemptionDecision {
  /** Approve or deny the pending request. */
  decision: 'approve' | 'deny';
  /** Optional note for the requester, at most 2,000 characters. */
  comment?: string;
}

/**
 * Response of `GET /api/scorecard/exemptions`; pass `nextCursor` back as
 * `cursor` for the next page.
 *
 * @public
 */
export interface ScorecardExemptionPage {
  /** Exemptions of this page, oldest request first. */
  items: ScorecardExemption[];
  /** Cursor of the next page, or null on the last. */
  nextCursor: string | null;
}

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
