import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
// The module is tested inside the real DORA backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@paved-road/plugin-dora-backend';
import {
  DoraTestDatabase,
  startDoraTestBackend,
} from '@paved-road/plugin-dora-node/testUtils';
import { doraModuleGithub } from '../module';
import { DAY, TOKEN } from './FakeGithub';

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

/**
 * The real DORA backend with this module on one test database; `sync()`
 * runs the provider's scheduled task and waits for it.
 */
export async function startBackend(options: {
  databases: TestDatabases;
  id: TestDatabaseId;
  /** Reuse a database, e.g. to restart after a crash. */
  knex?: DoraTestDatabase;
  github: object;
  entities?: Entity[];
  integrations?: object;
  /** More `dora` config, e.g. `{ linking: { rules: [...] } }`. */
  dora?: object;
}) {
  const knex = options.knex ?? (await options.databases.init(options.id));
  const dora = await startDoraTestBackend({
    features: [doraPlugin, doraModuleGithub],
    database: knex,
    entities: options.entities ?? [component('cart', 'acme/cart')],
    config: {
      integrations: options.integrations ?? {
        github: [{ host: 'github.com', token: TOKEN }],
      },
      dora: { ...options.dora, providers: { github: options.github } },
    },
  });
  return {
    ...dora,
    knex,
    sync: () => dora.sync('github'),
    status: async () => (await dora.providerStatus('github'))!,
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
    /** Every deployment of the last year (queries span at most two). */
    deployments: async (entityRef = 'component:default/cart') => {
      const query = new URLSearchParams({
        entityRef,
        from: new Date(Date.now() - 365 * DAY).toISOString(),
        to: new Date(Date.now() + DAY).toISOString(),
      });
      return (await dora.get(`/deployments?${query}`)).items;
    },
  };
}
