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
    };
  };
}
