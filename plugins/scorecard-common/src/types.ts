/**
 * Status of one check for one entity: `skipped` when the check does not
 * apply to the entity, `error` when its facts could not be loaded.
 *
 * @public
 */
export type CheckStatus = 'pass' | 'fail' | 'error' | 'skipped';

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
  id: string;
  title: string;
}

/**
 * How to fix a failing check: prose, a link, and/or a scaffolder template
 * (`template:default/add-techdocs` or just `add-techdocs`) that fixes it.
 *
 * @public
 */
export interface CheckRemediation {
  text?: string;
  url?: string;
  template?: string;
}

/**
 * Which entities a check applies to. Every given list must contain the
 * entity's value (case-insensitive); `tag` matches any of the entity's tags.
 *
 * @public
 */
export interface CheckEntityFilter {
  kind?: string[];
  type?: string[];
  lifecycle?: string[];
  tag?: string[];
  owner?: string[];
}

/**
 * A configured check, as returned by `GET /api/scorecard/checks`.
 *
 * @public
 */
export interface ScorecardCheck {
  id: string;
  title: string;
  description?: string;
  category: string;
  /** Id of the level the check belongs to, if any. */
  level?: string;
  /** Relative weight in the score, 1 unless configured. */
  weight: number;
  /** `<provider>:<fact>`, e.g. `catalog:annotation:backstage.io/techdocs-ref`. */
  fact: string;
  operator: CheckOperator;
  value?: unknown;
  filter?: CheckEntityFilter;
  remediation?: CheckRemediation;
}

/**
 * Response of `GET /api/scorecard/checks`.
 *
 * @public
 */
export interface ScorecardChecksResponse {
  levels: ScorecardLevel[];
  checks: ScorecardCheck[];
}

/**
 * The outcome of one check for one entity.
 *
 * @public
 */
export interface CheckResult {
  id: string;
  title: string;
  category: string;
  level: string | null;
  status: CheckStatus;
  /** The observed fact value (JSON), `null` when absent. */
  value: unknown;
  message: string;
  remediation: CheckRemediation | null;
}

/**
 * Response of `GET /api/scorecard/entities/:kind/:namespace/:name` and of
 * its `refresh`.
 *
 * @public
 */
export interface EntityScorecard {
  entityRef: string;
  /** ISO 8601 time of the evaluation. */
  evaluatedAt: string;
  /** 0-100: weighted share of applicable checks passing. */
  score: number;
  level: ScorecardLevel | null;
  nextLevel: ScorecardLevel | null;
  checks: CheckResult[];
}

/**
 * One evaluation kept in the history.
 *
 * @public
 */
export interface ScorecardHistoryPoint {
  evaluatedAt: string;
  score: number;
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
  entityRef: string;
  items: ScorecardHistoryPoint[];
}

/**
 * One entity in the overview.
 *
 * @public
 */
export interface ScorecardOverviewItem {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  owner: string | null;
  score: number;
  level: ScorecardLevel | null;
  evaluatedAt: string;
  /** Ids of checks that failed or errored. */
  failingChecks: string[];
}

/**
 * Response of `GET /api/scorecard/overview`; pass `nextCursor` back as
 * `cursor` for the next page.
 *
 * @public
 */
export interface ScorecardOverviewPage {
  items: ScorecardOverviewItem[];
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
  owner: string | null;
  total: number;
  averageScore: number;
  levels: Record<string, number>;
}

/**
 * Response of `GET /api/scorecard/overview/rollup`.
 *
 * @public
 */
export interface ScorecardRollup {
  levels: ScorecardLevel[];
  owners: ScorecardOwnerRollup[];
}

/**
 * Health of the scorecard backend as returned by `GET /api/scorecard/health`.
 *
 * @public
 */
export interface ScorecardHealth {
  status: 'ok';
  providers: string[];
}
