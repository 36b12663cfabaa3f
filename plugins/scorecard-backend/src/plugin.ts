import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { doraServiceRef } from '@paved-road/plugin-dora-node';
import { scorecardPermissions } from '@paved-road/plugin-scorecard-common';
import {
  ScorecardFactProvider,
  scorecardFactProvidersExtensionPoint,
} from '@paved-road/plugin-scorecard-node';
import { readScorecardConfig } from './config/readScorecardConfig';
import { DatabaseExemptionStore } from './database/DatabaseExemptionStore';
import { DatabaseScorecardStore } from './database/DatabaseScorecardStore';
import { ScorecardEngine } from './engine/ScorecardEngine';
import { builtInFactProviders } from './facts/builtInFactProviders';
import { AuthorizedScorecardService } from './service/AuthorizedScorecardService';
import { DefaultScorecardService } from './service/DefaultScorecardService';
import { AuthorizedExemptionService } from './service/exemptions/AuthorizedExemptionService';
import { DefaultExemptionService } from './service/exemptions/DefaultExemptionService';
import { ExemptionExpiry } from './service/exemptions/ExemptionExpiry';
import { FullPass } from './service/FullPass';
import { ScorecardEntityAccess } from './service/ScorecardEntityAccess';
import { createRouter } from './service/router';
import { toResultInput } from './service/toResultInput';
import { setUpScorecardNotifications } from './notifications/setUpScorecardNotifications';
import {
  CampaignService,
  createFleetUpgrader,
  DatabaseCampaignStore,
  GroupTree,
  readCampaignSchedule,
  readCampaignsConfig,
  ScorecardServiceWithCampaigns,
} from './campaigns';
import { registerScorecardActions } from './actions/registerScorecardActions';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { setUpOutcomes } from './outcomes';

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
        auditor: coreServices.auditor,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        dora: doraServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
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
        const exemptionStore = await DatabaseExemptionStore.create({
          database: deps.database,
        });
        const engine = ScorecardEngine.create({
          ...config,
          providers,
          exemptionLookup: exemptionStore,
        });
        const notifications = await setUpScorecardNotifications({
          ...deps,
          levels: config.levels,
          checks: config.checks,
        });
        const save = notifications.wrapSave(evaluated =>
          store.saveResults(evaluated.map(toResultInput)),
        );
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
          exemptions: config.exemptions,
          save,
          groups: credentials => GroupTree.load(deps.catalog, credentials),
        });
        const exemptions = DefaultExemptionService.create({
          store: exemptionStore,
          access,
          engine,
          config: config.exemptions,
          logger: deps.logger,
          reevaluate: entity => service.evaluateEntity(entity),
        });
        const campaignStore = await DatabaseCampaignStore.create({
          database: deps.database,
        });
        // Upgrade PRs/MRs link back to Backstage, so they need its base URL;
        // every real deployment has `backend.baseUrl`.
        const canUpgrade =
          deps.config.has('goldenPath.backstageBaseUrl') ||
          deps.config.has('backend.baseUrl');
        if (!canUpgrade) {
          deps.logger.warn(
            'Campaign fleet upgrades are off: set backend.baseUrl or goldenPath.backstageBaseUrl',
          );
        }
        const campaigns = CampaignService.create({
          store: campaignStore,
          fleet: canUpgrade
            ? await createFleetUpgrader({
                config: deps.config,
                reader: deps.urlReader,
                database: deps.database,
              })
            : undefined,
          configured: readCampaignsConfig(deps.config, {
            checkIds: config.checks.map(c => c.id),
            levelIds: config.levels.map(l => l.id),
          }),
          catalog: deps.catalog,
          auth: deps.auth,
          access,
          permissions: deps.permissions,
          logger: deps.logger,
          levels: config.levels,
          targets: {
            checkIds: config.checks.map(c => c.id),
            levelIds: config.levels.map(l => l.id),
          },
        });
        notifications.useCampaigns(campaigns);
        deps.permissionsRegistry.addPermissions(scorecardPermissions);
        const authorized = new AuthorizedScorecardService(
          service,
          deps.permissions,
          access,
        );
        // For assistants (MCP) and scripts, with the caller's permissions.
        registerScorecardActions({
          actionsRegistry: deps.actionsRegistry,
          scorecard: authorized,
          campaigns,
        });
        deps.httpRouter.use(
          await createRouter({
            scorecard: new ScorecardServiceWithCampaigns(
              authorized,
              campaigns,
              deps.catalog,
            ),
            campaigns,
            exemptions: new AuthorizedExemptionService(
              exemptions,
              deps.permissions,
              access,
            ),
            httpAuth: deps.httpAuth,
            auditor: deps.auditor,
            providerIds: () => [...providers.keys()],
          }),
        );

        // Platform outcomes: /outcomes routes, action and daily adoption task.
        await setUpOutcomes({ ...deps, exemptionStore });

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
          exemptions: new ExemptionExpiry({
            store: exemptionStore,
            auditor: deps.auditor,
          }),
          save,
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
        await deps.scheduler.scheduleTask({
          id: 'scorecard-campaign-progress',
          ...readCampaignSchedule(deps.config),
          scope: 'global',
          fn: async () => {
            await campaigns.recordDay();
          },
        });
        deps.logger.info(
          `Scorecard backend started: ${config.checks.length} checks, ${
            config.levels.length
          } levels, fact providers ${[...providers.keys()].join(', ')}`,
        );
      },
    });
  },
});
