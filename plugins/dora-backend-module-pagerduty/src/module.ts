import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { doraProvidersExtensionPoint } from '@paved-road/plugin-dora-node';
import { readPagerDutyConfig } from './config';
import { PagerDutyDoraProvider } from './PagerDutyDoraProvider';

/**
 * Adds the `pagerduty` DORA provider: incidents of the services named in
 * entities' `pagerduty.com/service-id` annotations, read on a schedule and
 * received through v3 webhooks. Does nothing without
 * `dora.providers.pagerduty` in the config.
 *
 * @public
 */
export const doraModulePagerDuty = createBackendModule({
  pluginId: 'dora',
  moduleId: 'pagerduty',
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
        const pagerduty = readPagerDutyConfig(config);
        if (!pagerduty) {
          logger.info(
            "PagerDuty DORA provider is off; configure 'dora.providers.pagerduty' to turn it on",
          );
          return;
        }
        const provider = PagerDutyDoraProvider.create({
          config: pagerduty,
          catalog,
          auth,
        });
        providers.addProvider(provider);
        logger.info(
          `PagerDuty DORA provider reads ${pagerduty.baseUrl}; webhooks ${
            provider.webhook ? 'on' : "off (no 'webhookSecrets')"
          }`,
        );
      },
    });
  },
});
