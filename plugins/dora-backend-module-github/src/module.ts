import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { doraProvidersExtensionPoint } from '@paved-road/plugin-dora-node';
import { readGithubProviderConfig } from './config';
import { GithubDoraProvider } from './GithubDoraProvider';

/**
 * Adds the `github` DORA provider (deployments or workflow runs, and
 * webhooks) when `dora.providers.github` is configured.
 *
 * @public
 */
export const doraModuleGithub = createBackendModule({
  pluginId: 'dora',
  moduleId: 'github',
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
        const github = readGithubProviderConfig(config);
        if (!github?.enabled) {
          logger.info(
            "DORA GitHub provider is off; configure 'dora.providers.github' to turn it on",
          );
          return;
        }
        providers.addProvider(
          GithubDoraProvider.create({
            config: github,
            rootConfig: config,
            catalog,
            auth,
          }),
        );
        logger.info(
          `DORA GitHub provider on for ${github.host} in mode '${
            github.mode
          }'; webhooks ${
            github.webhookSecret ? 'on' : 'off (no webhookSecret)'
          }`,
        );
      },
    });
  },
});
