import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { DoraProviderRequestsConfig } from '@paved-road/plugin-dora-node';

export interface Config {
  dora?: {
    providers?: {
      /**
       * Incidents from incident.io
       * (`@paved-road/plugin-dora-backend-module-incident-io`). Without this
       * block the module adds no provider.
       */
      incidentIo?: {
        /**
         * An incident.io API key that can view incidents (sent as
         * `Authorization: Bearer <key>`).
         * @visibility secret
         */
        apiKey: string;
        /** The incident.io API. Default `https://api.incident.io`. */
        baseUrl?: string;
        /**
         * Name (or id) of the incident custom field that names the affected
         * services; its values (catalog entry name, external id, id or alias;
         * option value; text) are compared with the entities'
         * `paved-road.dev/incident-io-service` annotation. Default
         * `Affected services`.
         */
        serviceField?: string;
        /**
         * Name (or id) of the incident custom field holding the `id` of the
         * deployment that caused the incident, e.g. `Deployment` (a text
         * field, or a select field whose option values are deployment ids).
         * Its value becomes the event's `deploymentId`, linked by the
         * `explicit` rule. Read from the incident itself: no extra request.
         * Unset: no explicit links.
         */
        deploymentIdField?: string;
        /** How far back the first run reads incidents, in days. Default 90. */
        lookbackDays?: number;
        /**
         * When the sync runs. Default: every 10 minutes, 5-minute timeout;
         * given keys override the defaults.
         */
        schedule?: Partial<SchedulerServiceTaskScheduleDefinitionConfig>;
        /** Retries and timeout of each incident.io API request. */
        requests?: DoraProviderRequestsConfig;
        /**
         * Signing secret (`whsec_...`) of an incident.io webhook endpoint
         * pointing at `/api/dora/webhooks/incident-io`. Optional.
         * @visibility secret
         */
        webhookSecret?: string;
        /**
         * More signing secrets, e.g. the old and the new one while rotating:
         * a delivery is valid when any of these or `webhookSecret` verifies.
         * @visibility secret
         */
        webhookSecrets?: string[];
      };
    };
  };
}
