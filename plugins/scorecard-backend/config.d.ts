import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Paved Road scorecard backend (`@paved-road/plugin-scorecard-backend`). */
  scorecard?: {
    /**
     * Ordered levels, lowest first. An entity holds a level when every
     * applicable check of that level and of every lower level passes.
     */
    levels?: Array<{
      /** Id that checks refer to in `level`. */
      id: string;
      /** Shown on the badge, e.g. "Gold". */
      title: string;
    }>;
    /** The checks evaluated for every matching entity. */
    checks?: Array<{
      /** Unique id: letters, digits, dashes, dots, underscores. */
      id: string;
      title: string;
      description?: string;
      /** Groups checks on the card. Default "General". */
      category?: string;
      /** Id of one of `scorecard.levels`; without one, the check only counts in the score. */
      level?: string;
      /** Relative weight in the score. Default 1. */
      weight?: number;
      /**
       * `<provider>:<fact>`. Built-in: `catalog:field:<path>`,
       * `catalog:annotation:<key>`, `catalog:label:<key>`,
       * `catalog:relation:<type>`, `catalog:relationCount:<type>`;
       * `golden-path:archetype|version|latestVersion|current|drift|majorsBehind`;
       * `dora:<path in /api/dora/metrics>` plus `dora:overallTierRank` and
       * `dora:<key>.tierRank`
       * (low 1 .. elite 4); `slo:defined|count|attainment|budgetRemaining|status`.
       */
      fact: string;
      /** exists, eq, neq, gt, gte, lt, lte, in, matches, withinDays. */
      operator: string;
      /**
       * Compared with the fact: a number for gt/gte/lt/lte/withinDays, a
       * list for in, a regular expression for matches, false for "must not
       * exist".
       */
      value?: unknown;
      /** Which entities the check applies to; every given list must match. */
      filter?: {
        kind?: string[];
        type?: string[];
        lifecycle?: string[];
        tag?: string[];
        owner?: string[];
      };
      /** How to fix it: prose, a link, and/or a template that fixes it. */
      remediation?: {
        text?: string;
        url?: string;
        /** A scaffolder template, e.g. `template:default/add-techdocs`. */
        template?: string;
      };
    }>;
    /** When the full pass runs. Default every 30 minutes, 30 s after start-up. */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    history?: {
      /** History points older than this are deleted. Default 90. */
      retentionDays?: number;
    };
  };
}
