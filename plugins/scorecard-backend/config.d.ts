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
    /**
     * Campaigns: a goal every matching entity should meet by a deadline.
     * More can be created with `POST /api/scorecard/campaigns` by holders
     * of `scorecard.campaign.manage`.
     */
    campaigns?: Array<{
      /** Unique id, up to 64 letters, digits, dashes, dots, underscores. */
      id: string;
      /** At most 200 characters. */
      title: string;
      /** At most 4,000 characters. */
      description?: string;
      /**
       * `{ check: <check id> }`: the check passes (an exempt check counts);
       * or `{ level: <level id> }`: the entity holds that level or higher.
       */
      goal: { check?: string; level?: string };
      /**
       * Which entities the campaign covers (of those with a scorecard);
       * every given field must match, case-insensitive; lists take at most
       * 50 values and any one value matches.
       */
      filter: {
        kind?: string[];
        /** Values of `spec.type`. */
        type?: string[];
        /** Values of `spec.lifecycle`. */
        lifecycle?: string[];
        /** Values of `metadata.tags`. */
        tag?: string[];
        /** Direct owners (`spec.owner`) as entity refs. */
        owner?: string[];
        /** An annotation key the entity must have. */
        annotation?: string;
      };
      /** ISO date, e.g. `2027-03-31`. */
      deadline: string;
      /** The group running the campaign, e.g. `group:default/platform`. */
      owner: string;
    }>;
    /**
     * When the campaigns' daily progress is stored (each run replaces the
     * current UTC day's rows). Default every 6 hours, 2 minutes after
     * start-up.
     */
    campaignSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    /**
     * Fleet upgrades (`POST /api/scorecard/campaigns/:id/upgrades`), which
     * use `integrations.github` / `integrations.gitlab` and
     * `goldenPath.archetypes`.
     */
    campaignUpgrades?: {
      /** Entities upgraded per run, one at a time. Default and at most 500. */
      maxPerRun?: number;
    };
    /** Platform outcomes (`GET /api/scorecard/outcomes`). */
    outcomes?: {
      /**
       * When the daily golden-path adoption is stored (task
       * `scorecard-outcomes-adoption`, global scope). A run stores the
       * current UTC day once; later runs that day do nothing. Default every
       * hour, 3 minutes after start-up.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Services read per request and per daily run. Default 20000, at most 100000. */
      maxServices?: number;
      /** Scaffolder tasks read per request, newest first. Default 2000, at most 20000. */
      maxScaffolderTasks?: number;
      /** Days of stored adoption history returned. Default 90, at most 730. */
      historyDays?: number;
    };
    /** When the full pass runs. Default every 30 minutes, 30 s after start-up. */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    history?: {
      /** History points older than this are deleted. Default 90. */
      retentionDays?: number;
    };
    /** Exemptions from checks, requested by owners on the scorecard card. */
    exemptions?: {
      /**
       * The latest expiry a request may ask for, from the time of the
       * request: a duration string (`90d`, `P12W`) or an object
       * (`{ days: 90 }`). Default 90 days.
       */
      maxDuration?: string | { [unit: string]: number };
      /**
       * Approve every request as it is made, without an approver. Default
       * false. Requests are still audited.
       */
      autoApprove?: boolean;
    };
    /**
     * Backstage notifications (`@backstage/plugin-notifications-node`) to
     * the owners of entities. Every kind is on by default; each is sent once
     * across backend instances.
     */
    notifications?: {
      /** Tell the owner when an entity drops a level. Default true. */
      levelDrop?: boolean;
      /**
       * Tell owners of entities on an older version of a golden-path
       * archetype when `goldenPath.archetypes[].version` is raised. Default true.
       */
      goldenPathRelease?: boolean;
      /** Remind owners of entities not done before a campaign's deadline. */
      campaignReminder?: {
        /** Default true. */
        enabled?: boolean;
        /** How many days before the deadline, 1 to 365. Default 7. */
        daysBefore?: number;
      };
      /**
       * When the task of golden-path releases and campaign reminders runs
       * (once across instances). Default every 24 hours, 2 minutes after
       * start-up.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
