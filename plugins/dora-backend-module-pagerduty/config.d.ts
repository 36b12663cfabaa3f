import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { DoraProviderRequestsConfig } from '@paved-road/plugin-dora-node';

export interface Config {
  dora?: {
    providers?: {
      /**
       * Incidents from PagerDuty
       * (`@paved-road/plugin-dora-backend-module-pagerduty`). Without this
       * section the module does nothing.
       */
      pagerduty?: {
        /**
         * REST API base URL. Default `https://api.pagerduty.com`; accounts
         * in the EU service region use `https://api.eu.pagerduty.com`.
         */
        baseUrl?: string;
        /**
         * REST API key; a read-only key is enough.
         * @visibility secret
         */
        token: string;
        /**
         * Signing secrets of v3 webhook subscriptions. A delivery is accepted
         * when one of its signatures matches any of them, so list the old and
         * the new secret while rotating. Without any, the webhook route is off.
         * @visibility secret
         * @deepVisibility secret
         */
        webhookSecrets?: string[];
        /** How many days back the first sync of a service reads. Default 180. */
        lookbackDays?: number;
        /**
         * When the sync runs. Default: every 10 minutes, 5-minute timeout;
         * given keys override the defaults.
         */
        schedule?: Partial<SchedulerServiceTaskScheduleDefinitionConfig>;
        /** Retries and timeout of each PagerDuty API request. */
        requests?: DoraProviderRequestsConfig;
        /**
         * Key of the custom details (`body.details`, sent as Events API v2
         * `payload.custom_details`) of an incident's first alert that holds
         * the `id` of the deployment that caused it, e.g. `deployment_id`;
         * a dotted path (`deploy.id`) reaches a nested value. The incident
         * is then linked to that deployment by the `explicit` rule. Costs
         * one `GET /incidents/{id}/alerts?limit=1` per incident (remembered
         * for the last 10,000 incidents). Unset: no explicit links.
         */
        deploymentIdField?: string;
      };
    };
  };
}
