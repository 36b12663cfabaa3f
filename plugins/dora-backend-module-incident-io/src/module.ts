import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { doraProvidersExtensionPoint } from '@paved-road/plugin-dora-node';
import { readIncidentIoConfig } from './config';
import { IncidentIoDoraProvider } from './IncidentIoDoraProvider';

/**
 * Adds the `incident-io` DORA provider: incidents from incident.io, matched
 * to entities through `paved-road.dev/incident-io-service`. Configured under
 * `dora.providers.incidentIo`; without that block it adds nothing.
 *
 * @public
 */
export const doraModuleIncidentIo = createBackendModule({
  pluginId: 'dora',
  moduleId: 'incident-io',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        providers: doraProvidersExtensionPoint,
      },
      async init({ config, logger, auth, catalog, providers }) {
        const incidentIo = readIncidentIoConfig(config);
        if (!incidentIo) {
          logger.info(
            "incident.io DORA provider is not configured; set 'dora.providers.incidentIo.apiKey' to enable it",
          );
          return;
        }
        providers.addProvider(
          IncidentIoDoraProvider.create({ config: incidentIo, catalog, auth }),
        );
        logger.info(
          `incident.io DORA provider reads ${incidentIo.baseUrl}${
            incidentIo.webhookSecret
              ? ' and receives webhooks at /api/dora/webhooks/incident-io'
              : ''
          }`,
        );
      },
    });
  },
});
