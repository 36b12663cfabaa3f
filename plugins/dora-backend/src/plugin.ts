import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  DoraProvider,
  doraProvidersExtensionPoint,
} from '@paved-road/plugin-dora-node';
import { doraPermissions } from '@paved-road/plugin-dora-common';
import { createRouter } from './service/router';

/**
 * The Paved Road DORA/SLO backend plugin, mounted at `/api/dora`.
 *
 * @public
 */
export const doraPlugin = createBackendPlugin({
  pluginId: 'dora',
  register(env) {
    const providers = new Map<string, DoraProvider>();
    env.registerExtensionPoint(doraProvidersExtensionPoint, {
      addProvider(...added) {
        for (const provider of added) {
          if (providers.has(provider.id)) {
            throw new Error(
              `A DORA provider with id '${provider.id}' is already registered`,
            );
          }
          providers.set(provider.id, provider);
        }
      },
    });

    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ httpRouter, logger, permissionsRegistry }) {
        permissionsRegistry.addPermissions(doraPermissions);
        httpRouter.use(
          await createRouter({ providerIds: () => [...providers.keys()] }),
        );
        logger.info(
          `DORA backend started with providers: ${
            [...providers.keys()].join(', ') || 'none'
          }`,
        );
      },
    });
  },
});
