import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  dora?: {
    providers?: {
      /**
       * GitHub provider (`@paved-road/plugin-dora-backend-module-github`):
       * deployments or workflow runs of the repositories named by the
       * `github.com/project-slug` annotation. Without this section the
       * module does nothing. Credentials come from `integrations.github`.
       */
      github?: {
        /** Turn the provider off without removing its settings. Default: true. */
        enabled?: boolean;
        /**
         * Host of the `integrations.github` entry to use (token or GitHub
         * App, and its API base URL for GitHub Enterprise). Default: `github.com`.
         */
        host?: string;
        /**
         * `deployments`: GitHub deployments and their statuses.
         * `workflowRuns`: runs of one GitHub Actions workflow.
         * Default: `deployments`.
         */
        mode?: 'deployments' | 'workflowRuns';
        /** Workflow file name (e.g. `deploy.yml`) or id; required in mode `workflowRuns`. */
        workflow?: string;
        /** Mode `workflowRuns`: only runs on this branch count. Default: any branch. */
        branch?: string;
        /**
         * Mode `workflowRuns`: the environment recorded for each run.
         * Default: `production`.
         */
        workflowEnvironment?: string;
        /**
         * Mode `deployments`: environment names or `/regex/flags` patterns of
         * the deployments to read. Default: `dora.productionEnvironments`,
         * else `production` and `prod`.
         */
        environments?: string[];
        /**
         * The webhook's secret, checked against `X-Hub-Signature-256`.
         * Without it there is no webhook route.
         * @visibility secret
         */
        webhookSecret?: string;
        /** How many days back the first sync of a repository reads. Default: 90. */
        lookbackDays?: number;
        /** Items per page of GitHub list and compare calls, 1 to 100. Default: 100. */
        pageSize?: number;
        /** When the sync runs. Default: every 10 minutes, 5-minute timeout. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Retries of each GitHub call (5xx, timeouts, rate limits). */
        retry?: {
          /** Attempts in all, the first included. Default: 5. */
          maxAttempts?: number;
          /** Delay before the first retry of a 5xx or timeout, in ms. Default: 500. */
          baseDelayMs?: number;
          /**
           * The longest single wait, in ms; a rate limit asking for longer
           * ends the run (the next one resumes). Default: 60000.
           */
          maxDelayMs?: number;
        };
      };
    };
  };
}
