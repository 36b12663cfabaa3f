import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { doraServiceRef } from '@paved-road/plugin-dora-node';
import { scorecardPermissions } from '@paved-road/plugin-scorecard-common';
import {
  ScorecardFactProvider,
  scorecardFactProvidersExtensionPoint,
} from '@paved-road/plugin-scorecard-node';
import { readScorecardConfig } from './config/readScorecardConfig';
import { DatabaseScorecardStore } from './database/DatabaseScorecardStore';
import { ScorecardEngine } from './engine/ScorecardEngine';
import { builtInFactProviders } from './facts/builtInFactProviders';
import { AuthorizedScorecardService } from './service/AuthorizedScorecardService';
import { DefaultScorecardService } from './service/DefaultScorecardService';
import { FullPass } from './service/FullPass';
import { ScorecardEntityAccess } from './service/ScorecardEntityAccess';
import { createRouter } from './service/router';

/**
 * The Paved Road scorecard backend plugin, mounted at `/api/scorecard`.
 *
 * @public
 */
export const scorecardPlugin = createBackendPlugin({
  pluginId: 'scorecard',
  register(env) {
    const added = new Map<string, ScorecardFactProvider>();
    env.registerExtensionPoint(scorecardFactProvidersExtensionPoint, {
      addFactProvider(...providers) {
        for (const provider of providers) {
          if (added.has(provider.id)) {
            throw new Error(
              `A scorecard fact provider with id '${provider.id}' is already registered`,
            );
          }
          added.set(provider.id, provider);
        }
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        dora: doraServiceRef,
      },
      async init(deps) {
        // Modules may replace a built-in provider by registering its id.
        const providers = new Map([...builtInFactProviders(deps), ...added]);
        const config = readScorecardConfig(deps.config, {
          providerIds: [...providers.keys()],
        });
        const store = await DatabaseScorecardStore.create({
          database: deps.database,
        });
        const engine = ScorecardEngine.create({ ...config, providers });
        const access = ScorecardEntityAccess.create({
          catalog: deps.catalog,
          permissions: deps.permissions,
        });
        const service = DefaultScorecardService.create({
          engine,
          store,
          access,
          auth: deps.auth,
          levels: config.levels,
          checks: config.checks,
        });
        deps.permissionsRegistry.addPermissions(scorecardPermissions);
        deps.httpRouter.use(
          await createRouter({
            scorecard: new AuthorizedScorecardService(
              service,
              deps.permissions,
              access,
            ),
            httpAuth: deps.httpAuth,
            providerIds: () => [...providers.keys()],
          }),
        );

        const allKinds = config.checks.every(c => c.filter?.kind?.length);
        const fullPass = new FullPass({
          engine,
          store,
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
          kinds: allKinds
            ? [...new Set(config.checks.flatMap(c => c.filter!.kind!))]
            : undefined,
          retentionDays: config.retentionDays,
        });
        if (config.checks.length > 0) {
          await deps.scheduler.scheduleTask({
            id: 'scorecard-full-pass',
            ...config.schedule,
            scope: 'global',
            fn: async () => {
              await fullPass.run();
            },
          });
        }
        deps.logger.info(
          `Scorecard backend started: ${config.checks.length} checks, ${
            config.levels.length
          } levels, fact providers ${[...providers.keys()].join(', ')}`,
        );
      },
    });
  },
});
