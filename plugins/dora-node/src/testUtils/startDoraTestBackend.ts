import {
  BackendFeature,
  SchedulerService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  TestBackend,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { DoraProviderStatus } from '@paved-road/plugin-dora-node';
import {
  getDora,
  getProviderStatus,
  postDoraWebhook,
  testBackendUrl,
} from './testBackendHttp';

/**
 * A database connection as `TestDatabases.init(id)` gives it.
 *
 * @public
 */
export type DoraTestDatabase = Awaited<ReturnType<TestDatabases['init']>>;

/**
 * Options of {@link startDoraTestBackend}.
 *
 * @public
 */
export interface StartDoraTestBackendOptions {
  /**
   * The DORA backend plugin and the modules under test, e.g.
   * `[doraPlugin, doraModuleGithub]`, and any extra service factories.
   */
  features: BackendFeature[];
  /** The root config data, e.g. `{ dora: { providers: { github: {...} } } }`. */
  config?: object;
  /** What the mock catalog serves. Default: nothing. */
  entities?: Entity[];
  /** A database from `TestDatabases.init(id)`; default an in-memory SQLite. */
  database?: DoraTestDatabase;
  /**
   * Run every scheduled task once at start-up, initial delay or not, as a
   * freshly started backend soon would. Default false: a provider syncs
   * only when the test calls `sync`.
   */
  runTasksOnStartup?: boolean;
}

/**
 * A running test backend with the DORA plugin, from
 * {@link startDoraTestBackend}.
 *
 * @public
 */
export interface DoraTestBackend {
  /** The backend, e.g. to `stop()` it. */
  backend: TestBackend;
  /** Its HTTP server, e.g. for supertest. */
  server: TestBackend['server'];
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** The DORA plugin's scheduler. */
  scheduler: SchedulerService;
  /** Runs the provider's scheduled sync once and waits until it ended. */
  sync(providerId: string): Promise<void>;
  /** The provider's entry in `GET /api/dora/providers`; `undefined` when absent. */
  providerStatus(providerId: string): Promise<DoraProviderStatus | undefined>;
  /** Waits until the provider has finished a run (runs at start-up). */
  waitForRun(providerId: string): Promise<DoraProviderStatus>;
  /** `GET /api/dora<path>` with service credentials; throws unless 2xx. */
  get(path: string): Promise<any>;
  /** Posts a delivery to `/api/dora/webhooks/<providerId>`, without credentials. */
  deliver(
    providerId: string,
    body: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any }>;
}

/** Hands the test the scheduler the DORA plugin and its modules get. */
function schedulerProbe() {
  const probe: { scheduler?: SchedulerService } = {};
  const module = createBackendModule({
    pluginId: 'dora',
    moduleId: 'test-scheduler-probe',
    register(env) {
      env.registerInit({
        deps: { scheduler: coreServices.scheduler },
        async init({ scheduler }) {
          probe.scheduler = scheduler;
        },
      });
    },
  });
  return { module, probe };
}

/**
 * The caller's config, where webhook deliveries are answered only once
 * handled (up to 9 s) unless `dora.webhooks.acceptWithinMs` is given: a test
 * can then read what a delivery stored as soon as it is answered, however
 * slow the machine.
 */
function testConfig(config: object | undefined): JsonObject {
  const data = (config ?? {}) as JsonObject;
  const dora = (data.dora ?? {}) as JsonObject;
  const webhooks = (dora.webhooks ?? {}) as JsonObject;
  return {
    ...data,
    dora: { ...dora, webhooks: { acceptWithinMs: 9000, ...webhooks } },
  };
}

/**
 * Starts a test backend with the DORA plugin and provider modules (passed
 * in `features`), a mock catalog, the given config and database, and a mock
 * scheduler whose provider tasks the test runs with `sync`.
 *
 * @public
 */
export async function startDoraTestBackend(
  options: StartDoraTestBackendOptions,
): Promise<DoraTestBackend> {
  const { module, probe } = schedulerProbe();
  const backend = await startTestBackend({
    features: [
      ...options.features,
      module,
      catalogServiceMock.factory({ entities: options.entities ?? [] }),
      mockServices.rootConfig.factory({ data: testConfig(options.config) }),
      ...(options.database
        ? [mockServices.database.factory({ knex: options.database })]
        : []),
      mockServices.scheduler.factory(
        options.runTasksOnStartup
          ? { includeInitialDelayedTasksOnStartup: true }
          : { skipTaskRunOnStartup: true },
      ),
    ],
  });
  const server = backend.server;
  const baseUrl = testBackendUrl(server);
  const providerStatus = (id: string) => getProviderStatus(server, id);
  return {
    backend,
    server,
    baseUrl,
    scheduler: probe.scheduler!,
    sync: id => probe.scheduler!.triggerTask(`dora-provider-${id}`),
    providerStatus,
    async waitForRun(id) {
      for (let i = 0; i < 200; i++) {
        const status = await providerStatus(id);
        if (status?.lastFinishedAt) return status;
        await new Promise(resolve => setTimeout(resolve, 50));
      }
      throw new Error(`DORA provider '${id}' did not finish a run in 10 s`);
    },
    get: path => getDora(server, path),
    deliver: (id, body, headers) => postDoraWebhook(server, id, body, headers),
  };
}
