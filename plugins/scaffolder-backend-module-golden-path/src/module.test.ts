import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { teamA } from './__testUtils__/goldenPathTestUtils';
import scaffolderModuleGoldenPath from './index';

const features = (config: object) => [
  scaffolderPlugin,
  scaffolderModuleGoldenPath,
  catalogServiceMock.factory({ entities: [teamA] }),
  mockServices.rootConfig.factory({
    data: { backend: { baseUrl: 'http://localhost:7007' }, ...config },
  }),
];

describe('scaffolderModuleGoldenPath', () => {
  it('adds golden-path:create and golden-path:upgrade with their schemas and examples', async () => {
    const { server } = await startTestBackend({ features: features({}) });
    const res = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    const actions = Object.fromEntries(
      res.body.map((a: { id: string }) => [a.id, a]),
    );
    for (const id of ['golden-path:create', 'golden-path:upgrade']) {
      expect(actions[id].examples.length).toBeGreaterThan(0);
      const properties = Object.values<{ description?: string }>(
        actions[id].schema.input.properties,
      );
      expect(properties.every(p => p.description)).toBe(true);
    }
    expect(actions['golden-path:create'].schema.input.required).toEqual([
      'name',
      'owner',
    ]);
  });

  it('fails at start-up on a malformed archetype, naming the key', async () => {
    await expect(
      startTestBackend({
        features: features({
          goldenPath: {
            archetypes: [{ id: 'java', version: 'next', skeleton: '/x' }],
          },
        }),
      }),
    ).rejects.toThrow(
      "Invalid config 'goldenPath.archetypes[0].version' 'next'",
    );
  });

  it('fails at start-up on a bad rate-limit setting, naming the key', async () => {
    await expect(
      startTestBackend({
        features: features({
          goldenPath: { upgrade: { rateLimit: { maxAttempts: 0 } } },
        }),
      }),
    ).rejects.toThrow(
      "Invalid config 'goldenPath.upgrade.rateLimit.maxAttempts' '0': expected a whole number of at least 1",
    );
  });
});
