import {
  AuthService,
  BackendFeature,
  LoggerService,
  RootConfigService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { DoraProvider, doraProvidersExtensionPoint } from './extensions';

/**
 * What {@link createDoraProviderModule} hands `createProvider`.
 *
 * @public
 */
export interface DoraProviderModuleDeps {
  /** The root config, where `dora.providers.<id>` lives. */
  config: RootConfigService;
  /** The module's logger, e.g. for deprecated settings. */
  logger: LoggerService;
  /** Gives the module's own credentials, e.g. for catalog reads. */
  auth: AuthService;
  /** Reads the annotated entities. */
  catalog: CatalogService;
}

/**
 * Options of {@link createDoraProviderModule}.
 *
 * @public
 */
export interface DoraProviderModuleOptions {
  /** The module id, e.g. `pagerduty`. */
  moduleId: string;
  /**
   * Reads the configuration and builds the provider; `undefined` when it is
   * not configured (the module then adds nothing). Throwing fails the
   * backend's start-up, e.g. for a malformed setting.
   */
  createProvider(deps: DoraProviderModuleDeps): DoraProvider | undefined;
}

/**
 * A backend module of the DORA plugin that adds one provider, built at
 * start-up from the config with the services providers usually need.
 *
 * @public
 */
export function createDoraProviderModule(
  options: DoraProviderModuleOptions,
): BackendFeature {
  return createBackendModule({
    pluginId: 'dora',
    moduleId: options.moduleId,
    register(env) {
      env.registerInit({
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
          auth: coreServices.auth,
          catalog: catalogServiceRef,
          providers: doraProvidersExtensionPoint,
        },
        async init({ providers, ...deps }) {
          const provider = options.createProvider(deps);
          if (provider) providers.addProvider(provider);
        },
      });
    },
  });
}
