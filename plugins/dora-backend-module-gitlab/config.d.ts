import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { DoraProviderRequestsConfig } from '@paved-road/plugin-dora-node';

export interface Config {
  dora?: {
    providers?: {
      /**
       * The GitLab DORA provider
       * (`@paved-road/plugin-dora-backend-module-gitlab`). Host, API base URL
       * and token come from the `integrations.gitlab` entry whose `host`
       * matches `host`.
       */
      gitlab?: {
        /** Poll and receive webhooks. Default: true once this section is present. */
        enabled?: boolean;
        /**
         * The GitLab host the projects live on; an `integrations.gitlab`
         * entry must have this host (gitlab.com always has one, without a
         * token). Default: `gitlab.com`.
         */
        host?: string;
        /**
         * Secret token of the project's or group's Deployment events webhook
         * (sent back by GitLab in `X-Gitlab-Token`). Without it,
         * `POST /api/dora/webhooks/gitlab` answers 404 and deployments are
         * only polled.
         * @visibility secret
         */
        webhookToken?: string;
        /**
         * More secret tokens, e.g. the old and the new one while rotating:
         * a delivery is valid when its `X-Gitlab-Token` equals any of these
         * or `webhookToken`.
         * @visibility secret
         */
        webhookTokens?: string[];
        /**
         * When to poll. Default: every 10 minutes, 5-minute timeout; given
         * keys override the defaults.
         */
        schedule?: Partial<SchedulerServiceTaskScheduleDefinitionConfig>;
        /** How many days back the first sync of a project reads. Default: 90. */
        lookbackDays?: number;
        /**
         * GitLab environment names or `/regex/flags` patterns whose
         * deployments are ingested. Default: `dora.productionEnvironments`
         * (itself `production`, `prod` by default).
         */
        environments?: string[];
        /**
         * Group paths or ids whose projects (subgroups included) are polled
         * too, so deployments of projects no entity annotates show up as
         * `unmatched` in `GET /api/dora/providers`. Default: none.
         */
        groups?: string[];
        /** Retries and timeout of each GitLab API request. */
        requests?: DoraProviderRequestsConfig;
        /**
         * Build events from GitLab CI: finished pipelines of each project
         * (`GET /projects/:id/pipelines`, then the single pipeline for its
         * times), with their own cursor per project.
         */
        builds?: {
          /** Sync finished pipelines as build events. Default: false. */
          enabled?: boolean;
        };
      };
    };
  };
}
