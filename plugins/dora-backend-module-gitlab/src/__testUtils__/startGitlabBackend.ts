import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
} from '@backstage/backend-test-utils';
// The module is tested inside the real DORA backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@paved-road/plugin-dora-backend';
import { startDoraTestBackend } from '@paved-road/plugin-dora-node/testUtils';
import { doraModuleGitlab } from '../module';
import { component } from './entities';

export const HOST = 'gitlab.acme.internal';
export const API = `https://${HOST}/api/v4`;
export const TOKEN = 'glpat-internal-token';
export const HOOK_SECRET = 'hook-secret-value';
export const PAYMENTS = 'component:default/payments';

/**
 * The real DORA backend with this module on one test database, for the
 * project `acme/payments` of entity `payments`; `dora` adds DORA config,
 * e.g. `{ linking: { rules: [...] } }`.
 */
export async function startGitlabBackend(options: {
  databases: TestDatabases;
  id: TestDatabaseId;
  dora?: object;
}) {
  const dora = await startDoraTestBackend({
    features: [doraPlugin, doraModuleGitlab],
    entities: [
      component('payments', { 'gitlab.com/project-slug': 'acme/payments' }),
    ],
    database: await options.databases.init(options.id),
    config: {
      integrations: {
        gitlab: [{ host: HOST, apiBaseUrl: API, token: TOKEN }],
      },
      dora: {
        ...options.dora,
        providers: {
          gitlab: {
            host: HOST,
            webhookToken: HOOK_SECRET,
            requests: { maxAttempts: 2, initialBackoff: '10ms' },
          },
        },
      },
    },
  });
  return {
    sync: () => dora.sync('gitlab'),
    status: async () => (await dora.providerStatus('gitlab'))!,
    get: dora.get,
    deployments: async () =>
      (
        await dora.get(
          `/deployments?limit=500&entityRef=${encodeURIComponent(PAYMENTS)}`,
        )
      ).items,
    hook: (body: unknown) =>
      dora.deliver('gitlab', JSON.stringify(body), {
        'X-Gitlab-Event': 'Deployment Hook',
        'X-Gitlab-Token': HOOK_SECRET,
      }),
    /** `POST /api/dora/events` with service credentials; throws unless 200. */
    pushEvents: async (events: object[]) => {
      const response = await fetch(`${dora.baseUrl}/api/dora/events`, {
        method: 'POST',
        headers: {
          Authorization: mockCredentials.service.header(),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ events }),
      });
      if (response.status !== 200) {
        throw new Error(
          `POST /events: ${response.status} ${await response.text()}`,
        );
      }
      return response.json();
    },
  };
}
