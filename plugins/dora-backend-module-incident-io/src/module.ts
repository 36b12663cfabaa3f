import { createDoraProviderModule } from '@paved-road/plugin-dora-node';
import { readIncidentIoConfig } from './config';
import { IncidentIoDoraProvider } from './IncidentIoDoraProvider';

/**
 * Adds the `incident-io` DORA provider: incidents from incident.io, matched
 * to entities through `paved-road.dev/incident-io-service`. Configured under
 * `dora.providers.incidentIo`; without that block it adds nothing.
 *
 * @public
 */
export const doraModuleIncidentIo = createDoraProviderModule({
  moduleId: 'incident-io',
  createProvider({ config, logger, auth, catalog }) {
    const incidentIo = readIncidentIoConfig(config, { logger });
    if (!incidentIo) {
      logger.info(
        "incident.io DORA provider is not configured; set 'dora.providers.incidentIo.apiKey' to enable it",
      );
      return undefined;
    }
    logger.info(
      `incident.io DORA provider reads ${incidentIo.baseUrl}${
        incidentIo.webhookSecrets?.length
          ? ' and receives webhooks at /api/dora/webhooks/incident-io'
          : ''
      }`,
    );
    return IncidentIoDoraProvider.create({
      config: incidentIo,
      catalog,
      auth,
    });
  },
});
