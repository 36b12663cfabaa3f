import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  ScorecardFactProvider,
  scorecardFactProvidersExtensionPoint,
} from '@paved-road/plugin-scorecard-node';
import { scorecardPermissions } from '@paved-road/plugin-scorecard-common';
import { createRouter } from './service/router';

/**
 * The Paved Road scorecard backend plugin, mounted at `/api/scorecard`.
 *
 * @public
 */
export const scorecardPlugin = createBackendPlugin({
  pluginId: 'scorecard',
  register(env) {
    const providers = new Map<string, ScorecardFactProvider>();
    env.registerExtensionPoint(scorecardFactProvidersExtensionPoint, {
      addFactProvider(...added) {
        for (const provider of added) {
          if (providers.has(provider.id)) {
            throw new Error(
              `A scorecard fact provider with id '${provider.id}' is already registered`,
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
        permissionsRegistry.addPermissions(scorecardPermissions);
        httpRouter.use(
          await createRouter({ providerIds: () => [...providers.keys()] }),
        );
        logger.info(
          `Scorecard backend started with fact providers: ${
            [...providers.keys()].join(', ') || 'none'
          }`,
        );
      },
    });
  },
});
