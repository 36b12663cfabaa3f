import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { DoraProviderRequestsConfig } from '@paved-road/plugin-dora-node';

export interface Config {
  dora?: {
    providers?: {
      /**
       * Incidents from Opsgenie
       * (`@paved-road/plugin-dora-backend-module-opsgenie`). Without this
       * block the module adds no provider.
       */
      opsgenie?: {
        /**
         * An Opsgenie API integration key with read access (sent as
         * `Authorization: GenieKey <key>`).
         * @visibility secret
         */
        apiKey: string;
        /**
         * The Opsgenie API. Default `https://api.opsgenie.com`; EU accounts
         * use `https://api.eu.opsgenie.com`.
         */
        baseUrl?: string;
        /** How far back the first run reads incidents, in days. Default 90. */
        lookbackDays?: number;
        /**
         * When the sync runs. Default: every 10 minutes, 5-minute timeout;
         * given keys override the defaults.
         */
        schedule?: Partial<SchedulerServiceTaskScheduleDefinitionConfig>;
        /** Retries and timeout of each Opsgenie API request. */
        requests?: DoraProviderRequestsConfig;
        /**
         * Key of the incident's custom properties (`extraProperties`; the
         * `details` given when it is created) holding the `id` of the
         * deployment that caused it, e.g. `deploymentId`. Its value becomes
         * the event's `deploymentId`, linked by the `explicit` rule. No extra
         * request. Unset: no explicit links.
         */
        deploymentIdField?: string;
      };
    };
  };
}
