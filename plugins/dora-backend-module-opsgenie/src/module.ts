import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { doraProvidersExtensionPoint } from '@paved-road/plugin-dora-node';
import { readOpsgenieConfig } from './config';
import { OpsgenieDoraProvider } from './OpsgenieDoraProvider';

/**
 * Adds the `opsgenie` DORA provider: incidents from Opsgenie, matched to
 * entities through `opsgenie.com/component-selector`. Configured under
 * `dora.providers.opsgenie`; without that block it adds nothing.
 *
 * @public
 */
export const doraModuleOpsgenie = createBackendModule({
  pluginId: 'dora',
  moduleId: 'opsgenie',
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
        const opsgenie = readOpsgenieConfig(config);
        if (!opsgenie) {
          logger.info(
            "Opsgenie DORA provider is not configured; set 'dora.providers.opsgenie.apiKey' to enable it",
          );
          return;
        }
        providers.addProvider(
          OpsgenieDoraProvider.create({ config: opsgenie, catalog, auth }),
        );
        logger.info(`Opsgenie DORA provider reads ${opsgenie.baseUrl}`);
      },
    });
  },
});
