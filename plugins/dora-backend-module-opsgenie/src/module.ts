import { createDoraProviderModule } from '@paved-road/plugin-dora-node';
import { readOpsgenieConfig } from './config';
import { OpsgenieDoraProvider } from './OpsgenieDoraProvider';

/**
 * Adds the `opsgenie` DORA provider: incidents from Opsgenie, matched to
 * entities through `opsgenie.com/component-selector`. Configured under
 * `dora.providers.opsgenie`; without that block it adds nothing.
 *
 * @public
 */
export const doraModuleOpsgenie = createDoraProviderModule({
  moduleId: 'opsgenie',
  createProvider({ config, logger, auth, catalog }) {
    const opsgenie = readOpsgenieConfig(config, { logger });
    if (!opsgenie) {
      logger.info(
        "Opsgenie DORA provider is not configured; set 'dora.providers.opsgenie.apiKey' to enable it",
      );
      return undefined;
    }
    logger.info(`Opsgenie DORA provider reads ${opsgenie.baseUrl}`);
    return OpsgenieDoraProvider.create({ config: opsgenie, catalog, auth });
  },
});
