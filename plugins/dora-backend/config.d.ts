export interface Config {
  /** Configuration of the Paved Road DORA/SLO backend (`@paved-road/plugin-dora-backend`). */
  dora?: {
    /**
     * Environments that count as production, as exact names or regular
     * expressions written `/.../`. Default: `[production, prod]`.
     */
    productionEnvironments?: string[];
    /**
     * Benchmark table used for performance tiers. Default: `2024`.
     */
    benchmark?: '2021' | '2023' | '2024';
    /**
     * Static tokens (`backend.auth.externalAccess`) that may push events
     * only for the entities some groups own. Backstage decides what a
     * static token may do from its `accessRestrictions` alone, never through
     * the permission policy, so this is where a team's CI token is limited
     * to its team's entities. Tokens not listed push as their
     * `accessRestrictions` allow.
     */
    pushTokens?: Array<{
      /** The token's `options.subject` in `backend.auth.externalAccess`. */
      subject: string;
      /**
       * Groups, e.g. `group:default/payments`: each pushed entity must be
       * owned by one of them (its `ownedBy` relation, from `spec.owner`).
       */
      owners: string[];
    }>;
    /** Vendor webhooks (`POST /api/dora/webhooks/:provider`). */
    webhooks?: {
      /**
       * Milliseconds a delivery may take before it is answered 202 while its
       * work goes on (vendors give up after about 10 s). 100 to 9000,
       * default 700.
       */
      acceptWithinMs?: number;
    };
    /**
     * How incidents are attributed to deployments. Absent: `explicit`, then
     * `latest-before` at any distance (the round-1 definitions). Changing it
     * recomputes the stored links at the next start.
     */
    linking?: {
      /**
       * Rules tried in this order; the first that finds a deployment links
       * the incident:
       * - `explicit`: the deployment the incident names (`deploymentId`);
       * - `rollback`: the deployment rolled back by a redeploy of an earlier
       *   commit that finished while the incident was open. With this rule,
       *   a production deployment of a commit that an earlier production
       *   deployment of the same entity shipped (within 90 days, with other
       *   commits deployed in between) is a rollback: the deployments in
       *   between get status `rolled_back`, the redeploy counts as rework;
       * - `latest-before`: the latest production deployment at or before the
       *   incident opened, within `lookback`.
       * Default: `[explicit, latest-before]`.
       */
      rules?: Array<'explicit' | 'rollback' | 'latest-before'>;
      /**
       * `latest-before` links only deployments finished at most this long
       * before the incident opened, e.g. `7d`, `{ days: 7 }` or `P7D`; beyond
       * it the incident stays unlinked (reason `beyond-lookback`). At least
       * one hour. Default: no limit.
       */
      lookback?: { [unit: string]: number } | string;
    };
    /** Incidents. */
    incidents?: {
      /**
       * Filters marking incidents as not caused by a change: they count for
       * time to restore, never for change failure rate or failed deployment
       * recovery time. A filter matches when every condition it gives
       * matches; an incident pushed with `changeCaused` is decided by that.
       * Changing the filters recomputes the stored links at the next start.
       */
      exclude?: Array<{
        /** Only incidents of this source, e.g. `pagerduty`. */
        source?: string;
        /** Incidents with one of these severities, e.g. `[sev4, sev5]`. */
        severity?: string[];
        /**
         * A vendor field of the incident's `attributes`, e.g. `urgency`
         * (PagerDuty), `incidentType` (incident.io) or `tags` (Opsgenie).
         */
        attribute?: string;
        /** With `attribute`: one of these values; absent: any value. */
        values?: string[];
      }>;
    };
    /**
     * Deletes old events. Absent: every event is kept.
     */
    retention?: {
      /**
       * Deployments finished and incidents opened longer ago than this are
       * deleted (with their changes and incident links; rollups follow), e.g.
       * `{ years: 3 }`, `{ days: 730 }`, `'2y'` or `'P2Y'`. At least one day.
       */
      maxAge: { [unit: string]: number } | string;
      /**
       * When the deletion runs, once across instances. Default: every 24
       * hours, 1-hour timeout, 5 minutes after start-up.
       */
      schedule?: {
        frequency?: { [unit: string]: number } | string;
        timeout?: { [unit: string]: number } | string;
        initialDelay?: { [unit: string]: number } | string;
      };
    };
    /** Backstage notifications sent to entity owners. */
    notifications?: {
      /**
       * When an SLO's burn-rate alert (its OpenSLO alert policy, page or
       * ticket) starts and when it resolves, as seen by the scheduled SLO
       * computation. Sent once across instances. Default: true.
       */
      sloAlerts?: boolean;
    };
    /** Service level objectives (`GET /api/dora/slos`). */
    slo?: {
      /**
       * Incident severities that count as downtime for incident-based SLIs
       * that do not list their own. Default: every incident counts.
       */
      downtimeSeverities?: string[];
      /** Prometheus HTTP API for `prometheus` metric sources. */
      prometheus?: {
        /** e.g. `http://prometheus:9090`; `/api/v1/query_range` is appended. */
        baseUrl: string;
        /**
         * Sent as a bearer token.
         * @visibility secret
         */
        token?: string;
        /**
         * How long one `query_range` request may take before the SLO shows a
         * timeout error, e.g. `10s` or `1m`. Default: `10s`.
         */
        timeout?: string;
      };
      /**
       * OpenSLO definitions for entities that cannot carry a file
       * (those with `paved-road.dev/openslo-ref` read their file instead).
       */
      definitions?: Array<{
        /** e.g. `component:default/cart-service`. */
        entityRef: string;
        /** The OpenSLO v1 YAML text (one or more documents). */
        openslo: string;
      }>;
      /**
       * SLO status is computed on a schedule, once across instances, and
       * stored: `GET /slos`, `/slos/by-entity` and the scorecard read the
       * stored snapshots (Prometheus is queried once per SLO per run), and
       * each run keeps the day's attainment and error budget as history.
       */
      snapshots?: {
        /**
         * When the computation runs. Default: every 5 minutes, 10-minute
         * timeout, 30 seconds after start-up.
         */
        schedule?: {
          frequency?: { [unit: string]: number } | string;
          timeout?: { [unit: string]: number } | string;
          initialDelay?: { [unit: string]: number } | string;
        };
        /** Entities computed at the same time by one run, 1 to 32. Default: 4. */
        concurrency?: number;
      };
    };
  };
}
