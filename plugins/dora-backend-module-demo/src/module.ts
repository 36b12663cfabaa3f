import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { doraProvidersExtensionPoint } from '@paved-road/plugin-dora-node';
import { readDemoConfig } from './config';
import { DemoDoraProvider } from './DemoDoraProvider';

/**
 * Example only: adds the `demo` DORA provider, which generates a year of
 * deployments and incidents, when `dora.demo.enabled` is true.
 *
 * @public
 */
export const doraModuleDemo = createBackendModule({
  pluginId: 'dora',
  moduleId: 'demo',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        providers: doraProvidersExtensionPoint,
      },
      async init({ config, logger, providers }) {
        const demo = readDemoConfig(config);
        if (!demo.enabled) {
          logger.info(
            "DORA demo data is disabled; set 'dora.demo.enabled: true' to generate it",
          );
          return;
        }
        logger.warn(
          `DORA demo data is enabled: generating ${
            demo.days
          } days of example events for ${demo.entities.join(
            ', ',
          )}. Never use this in production.`,
        );
        providers.addProvider(new DemoDoraProvider({ config: demo }));
      },
    });
  },
});
