/**
 * Golden-path adoption of a set of services (Components of type `service`).
 * Shares are fractions from 0 to 1, `null` when `services` is 0.
 *
 * @public
 */
export interface OutcomesAdoptionFigure {
  /** Services counted. */
  services: number;
  /** Services with a `paved-road.dev/golden-path: <archetype>@<semver>` annotation. */
  goldenPath: number;
  /** Golden-path services on the current version of their archetype. */
  current: number;
  /** `goldenPath / services`, or `null` without services. */
  shareGoldenPath: number | null;
  /** `current / services`, or `null` without services. */
  shareCurrent: number | null;
}

/**
 * Adoption of one team: the services its group and every child group own.
 *
 * @public
 */
export interface OutcomesTeamAdoption extends OutcomesAdoptionFigure {
  /** The owner's entity ref, lower case, e.g. `group:default/payments`. */
  team: string;
}

/**
 * Adoption of one system (the services' `spec.system`).
 *
 * @public
 */
export interface OutcomesSystemAdoption extends OutcomesAdoptionFigure {
  /** The system's entity ref, lower case, e.g. `system:default/checkout`. */
  system: string;
}

/**
 * Adoption of one archetype: `services` and `goldenPath` are the services
 * built from it, `current` those on `currentVersion`.
 *
 * @public
 */
export interface OutcomesArchetypeAdoption extends OutcomesAdoptionFigure {
  /** The archetype id, e.g. `node-service`. */
  archetype: string;
  /** The archetype's current version (configured, else built in). */
  currentVersion: string;
}

/**
 * Golden-path adoption now, among the services the caller can see.
 *
 * @public
 */
export interface OutcomesAdoption {
  /** Every service the caller can see. */
  overall: OutcomesAdoptionFigure;
  /** Per owning team, a group's figure including its child groups' services. */
  byTeam: OutcomesTeamAdoption[];
  /** Per system; services without a system are left out. */
  bySystem: OutcomesSystemAdoption[];
  /** Per archetype of the golden-path services. */
  byArchetype: OutcomesArchetypeAdoption[];
  /** True when more services exist than were read (see the backend's README). */
  truncated: boolean;
}

/**
 * One day of adoption (UTC). Stored days count every service (the
 * backend's daily task reads the whole catalog); today's point counts the
 * services the caller can see.
 *
 * @public
 */
export interface OutcomesHistoryPoint {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  /**
   * True for a day before the first recorded one (a new install): estimated
   * from `paved-road.dev/scaffolded-at`, a scaffolded service counted from
   * that day on and every other service as it is today.
   */
  estimated?: boolean;
  /** Adoption of all services that day. */
  overall: OutcomesAdoptionFigure;
  /** Adoption per team that day, child groups included. */
  byTeam: OutcomesTeamAdoption[];
}

/**
 * Scaffolder tasks of one template.
 *
 * @public
 */
export interface OutcomesTemplateFigure {
  /** The template's entity ref, e.g. `template:default/node-service`. */
  templateRef: string;
  /** Tasks read for the template. */
  runs: number;
  /** Tasks with status `completed`. */
  succeeded: number;
  /** Tasks with status `failed`. */
  failed: number;
  /**
   * Median of finished tasks' durations in milliseconds (created to last
   * heartbeat or completion), `null` when none finished.
   */
  medianDurationMs: number | null;
}

/**
 * The scaffolder's task history per template, as the caller may read it.
 *
 * @public
 */
export interface OutcomesTemplates {
  /** Per template, by template ref. */
  items: OutcomesTemplateFigure[];
  /** Tasks read from the scaffolder. */
  tasksRead: number;
  /** True when the scaffolder has more tasks than the backend reads. */
  truncated: boolean;
  /** Why the scaffolder could not be read, when it could not (then `items` is empty). */
  error?: string;
}

/**
 * SLO coverage of production services (`spec.lifecycle: production`).
 * Shares are fractions from 0 to 1, `null` without production services.
 *
 * @public
 */
export interface OutcomesSloCoverage {
  /** Production services the caller can see. */
  productionServices: number;
  /** Production services with at least one SLO. */
  withSlo: number;
  /** Production services whose every SLO has error budget left. */
  withBudgetLeft: number;
  /** `withSlo / productionServices`. */
  shareWithSlo: number | null;
  /** `withBudgetLeft / productionServices`. */
  shareWithBudgetLeft: number | null;
}

/**
 * Open exemptions (approved and not expired) on entities the caller can see.
 *
 * @public
 */
export interface OutcomesExemptions {
  /** Open exemptions in all. */
  open: number;
  /** Per check id. */
  byCheck: Array<{ checkId: string; open: number }>;
  /**
   * Per team: the exempt entity's owner and each group above it, as
   * adoption counts (`null` for entities without an owner).
   */
  byTeam: Array<{ team: string | null; open: number }>;
}

/**
 * Net promoter score of a set of pulse answers: `nps` is the percentage of
 * promoters (9-10) minus the percentage of detractors (0-6), from -100 to
 * 100, `null` without answers.
 *
 * @public
 */
export interface OutcomesNpsFigure {
  /** Answers counted. */
  answers: number;
  /** Answers of 9 or 10. */
  promoters: number;
  /** Answers of 7 or 8. */
  passives: number;
  /** Answers from 0 to 6. */
  detractors: number;
  /** The NPS, or `null` without answers. */
  nps: number | null;
}

/**
 * Developer satisfaction pulses ("would you recommend this path", 0-10).
 *
 * @public
 */
export interface OutcomesPulse {
  /** Per template, over every stored quarter. */
  byTemplate: Array<OutcomesNpsFigure & { templateRef: string }>;
  /** Per quarter (e.g. `2026-Q4`), over every template, oldest first. */
  history: Array<OutcomesNpsFigure & { quarter: string }>;
}

/**
 * Response of `GET /api/scorecard/outcomes`: the platform's own outcomes.
 *
 * @public
 */
export interface ScorecardOutcomes {
  /** ISO 8601 time the figures were computed. */
  generatedAt: string;
  /** Golden-path adoption now. */
  adoption: OutcomesAdoption;
  /** Stored daily points, oldest first, then today's live point. */
  history: OutcomesHistoryPoint[];
  /** The scaffolder's task history per template. */
  templates: OutcomesTemplates;
  /** SLO coverage of production services. */
  sloCoverage: OutcomesSloCoverage;
  /** Open exemptions. */
  exemptions: OutcomesExemptions;
  /** Developer satisfaction. */
  pulse: OutcomesPulse;
}

/**
 * Body of `POST /api/scorecard/outcomes/pulse`. A second answer by the same
 * user for the same template in the same quarter replaces the first.
 *
 * @public
 */
export interface OutcomesPulseRequest {
  /** The template's entity ref, e.g. `template:default/node-service`. */
  templateRef: string;
  /** "Would you recommend this path?", an integer from 0 to 10. */
  score: number;
  /** Optional comment, at most 1000 characters. */
  comment?: string;
}

/**
 * One stored pulse answer. Response of `POST /api/scorecard/outcomes/pulse`
 * (201 for a first answer in the quarter, 200 when it replaced one).
 *
 * @public
 */
export interface OutcomesPulseAnswer {
  /** The template's entity ref, lower case. */
  templateRef: string;
  /** The quarter of the answer, e.g. `2026-Q4` (UTC). */
  quarter: string;
  /** The score, 0 to 10. */
  score: number;
  /** The comment, or `null`. */
  comment: string | null;
  /** Who answered (from their credentials). */
  userRef: string;
  /** ISO 8601 time of the answer. */
  answeredAt: string;
}

/**
 * Response of `GET /api/scorecard/outcomes/pulse/comments?templateRef=`
 * (permission `scorecard.outcomes.comments.read`): the answers with a
 * comment, newest first, at most 200.
 *
 * @public
 */
export interface OutcomesPulseComments {
  /** The items. */
  items: OutcomesPulseAnswer[];
}
