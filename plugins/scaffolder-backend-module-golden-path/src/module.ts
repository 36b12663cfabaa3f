import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createGoldenPathAction } from './actions/createGoldenPathAction';
import { createUpgradeGoldenPathAction } from './actions/upgradeGoldenPathAction';
import { ArchetypeRegistry } from './archetypes/ArchetypeRegistry';
import { SkeletonReader } from './archetypes/SkeletonReader';
import { readBackstageBaseUrl } from './upgrade/GoldenPathUpgrader';
import { readRateLimitOptions } from './upgrade/retryingFetch';

/**
 * Adds `golden-path:create` and `golden-path:upgrade` to the scaffolder backend.
 *
 * @public
 */
export const scaffolderModuleGoldenPath = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'golden-path',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        reader: coreServices.urlReader,
      },
      async init({ scaffolder, config, catalog, reader }) {
        const archetypes = ArchetypeRegistry.fromConfig(config);
        const skeletons = SkeletonReader.create({ reader });
        const backstageBaseUrl = readBackstageBaseUrl(config);
        const rateLimit = readRateLimitOptions(config);
        scaffolder.addActions(
          createGoldenPathAction({
            archetypes,
            skeletons,
            catalog,
            backstageBaseUrl,
          }),
          createUpgradeGoldenPathAction({
            archetypes,
            skeletons,
            backstageBaseUrl,
            catalog,
            integrations: ScmIntegrations.fromConfig(config),
            rateLimit,
          }),
        );
      },
    });
  },
});
