import {
  BackendFeature,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
// The module is tested inside the real DORA backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@paved-road/plugin-dora-backend';
import { doraProvidersExtensionPoint } from '@paved-road/plugin-dora-node';
import { http, passthrough } from 'msw';
import { readPagerDutyConfig } from '../config';
import { PagerDutyDoraProvider } from '../PagerDutyDoraProvider';
import { doraModulePagerDuty } from '../module';

type Knex = Parameters<typeof mockServices.database.factory>[0] extends
  | { knex: infer K }
  | undefined
  ? K
  : never;

/** Lets requests to the test backends through msw. */
export const localhostPassthrough = http.all(/^http:\/\/localhost:\d+\//, () =>
  passthrough(),
);

/** The module as installed, but with millisecond retry backoff. */
const fastRetryModule = createBackendModule({
  pluginId: 'dora',
  moduleId: 'pagerduty-fast-retry',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        providers: doraProvidersExtensionPoint,
      },
      async init({ config, auth, catalog, providers }) {
        providers.addProvider(
          PagerDutyDoraProvider.create({
            config: readPagerDutyConfig(config)!,
            catalog,
            auth,
            retry: { maxAttempts: 3, baseDelayMs: 1 },
          }),
        );
      },
    });
  },
});

/**
 * The real DORA backend with this module, on the given database, with a
 * scheduler whose tasks the test triggers (each trigger awaits the run).
 */
export async function startDoraBackend(options: {
  knex: Knex;
  entities: Entity[];
  /** `dora.providers.pagerduty`; left out when undefined. */
  pagerduty?: object;
  fastRetry?: boolean;
  extraFeatures?: BackendFeature[];
}) {
  const scheduler = mockServices.scheduler();
  const backend = await startTestBackend({
    features: [
      doraPlugin,
      options.fastRetry ? fastRetryModule : doraModulePagerDuty,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: options.pagerduty
          ? { dora: { providers: { pagerduty: options.pagerduty } } }
          : {},
      }),
      mockServices.database.factory({ knex: options.knex }),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      ...(options.extraFeatures ?? []),
    ],
  });
  const base = `http://localhost:${backend.server.port()}/api/dora`;
  return {
    backend,
    /** One sync run of the provider, awaited. */
    sync: () => scheduler.triggerTask('dora-provider-pagerduty'),
    async providerStatus() {
      const res = await fetch(`${base}/providers`, {
        headers: { Authorization: mockCredentials.service.header() },
      });
      const body = await res.json();
      return body.items.find((p: { id: string }) => p.id === 'pagerduty');
    },
    postWebhook(body: string, headers: Record<string, string>) {
      return fetch(`${base}/webhooks/pagerduty`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body,
      });
    },
    base,
  };
}
