import type { EntityCampaign } from './campaigns';

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
