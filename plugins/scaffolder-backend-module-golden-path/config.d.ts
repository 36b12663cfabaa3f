export interface Config {
  /** Configuration of the Paved Road golden-path scaffolder actions. */
  goldenPath?: {
    /** How `golden-path:upgrade` and `GoldenPathUpgrader` talk to GitHub and GitLab. */
    upgrade?: {
      /**
       * Retries of rate-limited requests (429, or GitHub's 403 with
       * `retry-after` / `x-ratelimit-remaining: 0`), honouring `retry-after`.
       */
      rateLimit?: {
        /** Attempts per request, the first one included (at least 1); default 4. */
        maxAttempts?: number;
        /** Longest total wait per request in seconds (at least 0); default 60. */
        maxWaitSeconds?: number;
      };
    };
    /**
     * Base URL of the Backstage backend that generated CI pipelines report
     * deployments to (`<url>/api/dora/events`). Defaults to `backend.baseUrl`.
     * @visibility backend
     */
    backstageBaseUrl?: string;
    /**
     * Archetypes in addition to, or overriding, the built-ins `node-service`
     * and `python-service`. The scorecard's golden-path check reads `id` and
     * `version` as the latest version of each archetype.
     */
    archetypes?: Array<{
      /** Identifier used in the `archetype` input, e.g. `java-service`. */
      id: string;
      /** Human-readable title. */
      title?: string;
      /** Latest version (semver); new services are scaffolded at it. */
      version: string;
      /**
       * Skeleton of that version: a folder on the backend host (relative to its
       * working directory) or a URL read through the UrlReader. Optional for a
       * built-in id at one of its built-in versions.
       */
      skeleton?: string;
      /** Earlier versions, so services scaffolded at them can be upgraded. */
      previousVersions?: Array<{
        /** The earlier version (semver). */
        version: string;
        /** Its skeleton: a folder or a URL. */
        skeleton: string;
      }>;
    }>;
  };
}
