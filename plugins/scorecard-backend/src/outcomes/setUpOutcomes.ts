import {
  AuthService,
  DatabaseService,
  DiscoveryService,
  HttpAuthService,
  HttpRouterService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DoraService } from '@paved-road/plugin-dora-node';
import { DatabaseExemptionStore } from '../database/DatabaseExemptionStore';
import { GoldenPathFactProvider } from '../facts/GoldenPathFactProvider';
import { createOutcomesRouter } from './createOutcomesRouter';
import { DatabaseOutcomesStore } from './DatabaseOutcomesStore';
import { registerOutcomesAction } from './outcomesAction';
import { OutcomesService } from './OutcomesService';
import { readOutcomesConfig } from './readOutcomesConfig';
import { ScaffolderTaskReader } from './ScaffolderTaskReader';

/**
 * Wires the platform outcomes into the scorecard plugin: the routes under
 * `/outcomes`, the `get-platform-outcomes` action and the daily adoption
 * task `scorecard-outcomes-adoption` (global scope). Call after the
 * scorecard store has run the migrations.
 *
 * @internal
 */
export async function setUpOutcomes(deps: {
  config: RootConfigService;
  database: DatabaseService;
  httpRouter: HttpRouterService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  discovery: DiscoveryService;
  logger: LoggerService;
  permissions: PermissionsService;
  scheduler: SchedulerService;
  catalog: CatalogService;
  dora: DoraService;
  actionsRegistry: ActionsRegistryService;
  exemptionStore: DatabaseExemptionStore;
}): Promise<OutcomesService> {
  const config = readOutcomesConfig(deps.config);
  const outcomes = OutcomesService.create({
    store: await DatabaseOutcomesStore.create({ database: deps.database }),
    exemptions: deps.exemptionStore,
    catalog: deps.catalog,
    dora: deps.dora,
    auth: deps.auth,
    permissions: deps.permissions,
    goldenPath: GoldenPathFactProvider.fromConfig(deps.config),
    scaffolder: new ScaffolderTaskReader({
      auth: deps.auth,
      discovery: deps.discovery,
      maxTasks: config.maxScaffolderTasks,
    }),
    logger: deps.logger,
    config,
  });
  deps.httpRouter.use(
    createOutcomesRouter({ outcomes, httpAuth: deps.httpAuth }),
  );
  registerOutcomesAction(deps.actionsRegistry, outcomes);
  await deps.scheduler.scheduleTask({
    id: 'scorecard-outcomes-adoption',
    ...config.schedule,
    scope: 'global',
    fn: async () => {
      await outcomes.recordDay();
    },
  });
  return outcomes;
}
