import {
  SchedulerService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested inside the real DORA backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@paved-road/plugin-dora-backend';
import { doraModuleGithub } from '../module';
import { TOKEN } from './FakeGithub';
import { call } from './http';

type Knex = Awaited<ReturnType<TestDatabases['init']>>;

export function component(name: string, slug?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: slug ? { 'github.com/project-slug': slug } : {},
    },
    spec: { type: 'service', owner: 'group:default/team' },
  };
}

export const auth = () => mockCredentials.service.header();

/**
 * The real DORA backend with this module, on one test database, with the
 * scheduler's start-up runs off: `sync()` runs the provider's scheduled
 * task through the scheduler and waits for it.
 */
export async function startBackend(options: {
  databases: TestDatabases;
  id: TestDatabaseId;
  /** Reuse a database, e.g. to restart after a crash. */
  knex?: Knex;
  github: object;
  entities?: Entity[];
  integrations?: object;
}) {
  const knex = options.knex ?? (await options.databases.init(options.id));
  let scheduler: SchedulerService | undefined;
  const captureScheduler = createBackendModule({
    pluginId: 'dora',
    moduleId: 'test-scheduler',
    register(env) {
      env.registerInit({
        deps: { scheduler: coreServices.scheduler },
        async init(deps) {
          scheduler = deps.scheduler;
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      doraPlugin,
      doraModuleGithub,
      captureScheduler,
      catalogServiceMock.factory({
        entities: options.entities ?? [component('cart', 'acme/cart')],
      }),
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          integrations: options.integrations ?? {
            github: [{ host: 'github.com', token: TOKEN }],
          },
          dora: { providers: { github: options.github } },
        },
      }),
    ],
  });
  const { server } = backend;
  const get = async (path: string) => {
    const res = await call(server, path, {
      headers: { Authorization: auth() },
    });
    expect(res.status).toBe(200);
    return res.body;
  };
  return {
    backend,
    server,
    knex,
    sync: () => scheduler!.triggerTask('dora-provider-github'),
    status: async () =>
      (await get('/api/dora/providers')).items.find(
        (p: { id: string }) => p.id === 'github',
      ),
    deployments: async (entityRef = 'component:default/cart') =>
      (
        await get(
          `/api/dora/deployments?entityRef=${encodeURIComponent(
            entityRef,
          )}&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z`,
        )
      ).items,
    get,
  };
}
