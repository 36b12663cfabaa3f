import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createGoldenPathAction } from './actions/createGoldenPathAction';

/**
 * Adds the `golden-path:*` actions to the scaffolder backend.
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
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createGoldenPathAction({
            goldenPathVersion: config.getOptionalString('goldenPath.version'),
          }),
        );
      },
    });
  },
});
