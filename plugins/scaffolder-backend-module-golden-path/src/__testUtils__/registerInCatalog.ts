import { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';

/**
 * Starts a real catalog backend with the file as a location and waits until
 * the component it describes is served by the catalog API.
 */
export async function registerInCatalog(
  file: string,
  name: string,
): Promise<Entity> {
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          catalog: {
            rules: [{ allow: ['Component', 'Location'] }],
            locations: [{ type: 'file', target: file }],
          },
        },
      }),
    ],
  });
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      const res = await request(backend.server)
        .get(`/api/catalog/entities/by-name/component/default/${name}`)
        .set('Authorization', mockCredentials.user.header());
      if (res.status === 200) return res.body;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    throw new Error(`component:default/${name} never appeared in the catalog`);
  } finally {
    await backend.stop();
  }
}
