import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { DoraProviderRequestsConfig } from '@paved-road/plugin-dora-node';

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
        /**
         * More webhook secrets, e.g. the old and the new one while rotating:
         * a delivery is valid when any of these or `webhookSecret` verifies.
         * @visibility secret
         */
        webhookSecrets?: string[];
        /**
         * Build events from GitHub Actions: the completed runs of every
         * workflow of each repository (`GET /repos/{owner}/{repo}/actions/runs`),
         * with their own cursor per repository.
         */
        builds?: {
          /** Sync workflow runs as build events. Default: false. */
          enabled?: boolean;
        };
        /** How many days back the first sync of a repository reads. Default: 90. */
        lookbackDays?: number;
        /** Items per page of GitHub list and compare calls, 1 to 100. Default: 100. */
        pageSize?: number;
        /**
         * When the sync runs. Default: every 10 minutes, 5-minute timeout;
         * given keys override the defaults.
         */
        schedule?: Partial<SchedulerServiceTaskScheduleDefinitionConfig>;
        /** Retries and timeout of each GitHub call (5xx, timeouts, rate limits). */
        requests?: DoraProviderRequestsConfig;
        /**
         * @deprecated Use `requests`: `retry.maxAttempts` is
         * `requests.maxAttempts`, `retry.baseDelayMs` is
         * `requests.initialBackoff`, `retry.maxDelayMs` is `requests.maxWait`.
         */
        retry?: {
          /** @deprecated Use `requests.maxAttempts`. */
          maxAttempts?: number;
          /** @deprecated Use `requests.initialBackoff`. */
          baseDelayMs?: number;
          /** @deprecated Use `requests.maxWait`. */
          maxDelayMs?: number;
        };
      };
    };
  };
}
