import { Entity } from '@backstage/catalog-model';
// The module is tested inside the real DORA backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@paved-road/plugin-dora-backend';
import { DoraProviderStatus } from '@paved-road/plugin-dora-node';
import {
  DoraTestDatabase,
  startDoraTestBackend,
} from '@paved-road/plugin-dora-node/testUtils';
import { doraModulePagerDuty } from '../module';

/**
 * The real DORA backend with this module, on the given database; `sync()`
 * runs the provider's scheduled task and waits for it.
 */
export async function startDoraBackend(options: {
  knex: DoraTestDatabase;
  entities: Entity[];
  /** `dora.providers.pagerduty`; left out when undefined. */
  pagerduty?: object;
  /** Millisecond backoff and three attempts, as configured by a user. */
  fastRetry?: boolean;
  /** More of the `dora` section, e.g. `{ incidents: { exclude: [...] } }`. */
  dora?: object;
}) {
  const pagerduty = options.fastRetry
    ? {
        requests: { maxAttempts: 3, initialBackoff: '1ms' },
        ...options.pagerduty,
      }
    : options.pagerduty;
  const dora = await startDoraTestBackend({
    features: [doraPlugin, doraModulePagerDuty],
    database: options.knex,
    entities: options.entities,
    config: {
      dora: {
        ...options.dora,
        ...(pagerduty && { providers: { pagerduty } }),
      },
    },
  });
  return {
    backend: dora.backend,
    /** `GET /api/dora<path>` with service credentials. */
    get: dora.get,
    baseUrl: dora.baseUrl,
    sync: () => dora.sync('pagerduty'),
    /** `undefined` when the provider is not installed. */
    providerStatus: async () =>
      (await dora.providerStatus('pagerduty')) as DoraProviderStatus,
    postWebhook: (body: string, headers: Record<string, string>) =>
      dora.deliver('pagerduty', body, headers),
  };
}
