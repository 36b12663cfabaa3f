import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { doraPermissions } from '@paved-road/plugin-dora-common';
import {
  DoraProvider,
  doraProvidersExtensionPoint,
  doraServiceBridgeRef,
} from '@paved-road/plugin-dora-node';
import { registerDoraActions } from './actions/registerDoraActions';
import { DatabaseDoraStore } from './database/DatabaseDoraStore';
import { DatabaseEventDeleter } from './database/DatabaseEventDeleter';
import { AuthorizedDoraService } from './service/AuthorizedDoraService';
import { readDoraConfig } from './service/config';
import { DefaultDoraService } from './service/DefaultDoraService';
import { PushTokenScopes } from './service/pushTokenScopes';
import { readRetentionConfig, scheduleRetention } from './service/retention';
import { scheduleEntityLinkingSync } from './service/entityLinking';
import { createRouter } from './service/router';
import { createInProcessDoraService } from './service/bridge';
import { createOutcomesRouter } from './outcomes/createOutcomesRouter';
import { createProvidersRouter } from './providers/createProvidersRouter';
import {
  createWebhookRouter,
  readAcceptWithinMs,
} from './providers/createWebhookRouter';
import { DatabaseProviderStore } from './providers/DatabaseProviderStore';
import { ProviderRunner } from './providers/ProviderRunner';
import { createSloRouter } from './slo/createSloRouter';
import { createSloService } from './slo/createSloService';
import { scheduleSloSnapshots } from './slo/sloSnapshotSchedule';

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
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        auditor: coreServices.auditor,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
        catalog: catalogServiceRef,
        bridge: doraServiceBridgeRef,
        urlReader: coreServices.urlReader,
      },
      async init(deps) {
        const config = readDoraConfig(deps.config);
        const retention = readRetentionConfig(deps.config);
        const acceptWithinMs = readAcceptWithinMs(deps.config);
        const store = await DatabaseDoraStore.create({
          database: deps.database,
          isProduction: environment => config.production.matches(environment),
          productionSignature: config.production.signature,
          logger: deps.logger,
          linking: config.linking,
          // Owner queries find the rollups of pushed events ready.
          warmRollups: {},
        });
        deps.lifecycle.addShutdownHook(() => store.stop());
        const dora = DefaultDoraService.create({
          store,
          catalog: deps.catalog,
          config,
        });
        const deleter = await DatabaseEventDeleter.create({
          ...deps,
          linking: config.linking,
        });
        const authorized = AuthorizedDoraService.create({
          inner: dora,
          permissions: deps.permissions,
          catalog: deps.catalog,
          store,
          reservedSources: () => [...providers.keys()],
          pushTokens: PushTokenScopes.fromConfig(deps.config),
          deleter,
        });
        const { slos, snapshots } = await createSloService(deps);
        deps.bridge.provide(
          createInProcessDoraService({
            dora: authorized,
            slos,
            auth: deps.auth,
          }),
        );
        // Rollups marked stale by pushes are also rebuilt on read; this keeps
        // owner queries from paying for it. Idempotent, so global scope.
        await deps.scheduler.scheduleTask({
          id: 'dora-rollups-refresh',
          frequency: { minutes: 1 },
          timeout: { minutes: 10 },
          scope: 'global',
          fn: async signal => {
            await store.refreshRollups(signal);
          },
        });
        // Entities' own rules from `paved-road.dev/dora-linking`.
        await scheduleEntityLinkingSync({ ...deps, store });
        // `dora.retention`: deletes old events in bounded batches.
        await scheduleRetention({ ...deps, retention, deleter });
        // `dora.slo.snapshots`: SLO status computed once across instances.
        await scheduleSloSnapshots({ scheduler: deps.scheduler, snapshots });
        deps.permissionsRegistry.addPermissions(doraPermissions);
        // For assistants (MCP) and scripts, with the caller's permissions.
        registerDoraActions({
          actionsRegistry: deps.actionsRegistry,
          dora: authorized,
        });
        const providerList = () => [...providers.values()];
        const providerStore = await DatabaseProviderStore.create(deps);
        const ingest = (body: unknown) => dora.ingest(body);
        // Vendor webhooks verify their own signatures over the raw body, so
        // they need no credentials and are mounted before the JSON parser.
        deps.httpRouter.addAuthPolicy({
          path: '/webhooks',
          allow: 'unauthenticated',
        });
        deps.httpRouter.use(
          createWebhookRouter({
            providers: providerList,
            store: providerStore,
            ingest,
            logger: deps.logger,
            acceptWithinMs,
          }),
        );
        deps.httpRouter.use(
          await createRouter({
            dora: authorized,
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            providerIds: () => [...providers.keys()],
          }),
        );
        // `GET /outcomes`: time to first deploy, paved road vs off road.
        deps.httpRouter.use(
          await createOutcomesRouter({ ...deps, store, config }),
        );
        const runner = new ProviderRunner({
          providers: providerList,
          store: providerStore,
          ingest,
          logger: deps.logger,
        });
        await runner.schedule(deps.scheduler);
        deps.httpRouter.use(createProvidersRouter({ runner }));
        deps.httpRouter.use(
          createSloRouter({
            slos,
            httpAuth: deps.httpAuth,
            hasDemoData: refs => store.hasDemoData(refs),
          }),
        );
        deps.logger.info(
          `DORA backend started with providers: ${
            [...providers.keys()].join(', ') || 'none'
          }`,
        );
      },
    });
  },
});
