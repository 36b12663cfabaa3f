import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { component } from '../__testUtils__/fixtures';
import { GoldenPathFactProvider } from '../facts/GoldenPathFactProvider';
import { readServices } from './readServices';

const gp = (value: string) => ({
  annotations: { 'paved-road.dev/golden-path': value },
});

describe('readServices', () => {
  const goldenPath = GoldenPathFactProvider.fromConfig(
    new ConfigReader({
      goldenPath: { archetypes: [{ id: 'node-service', version: '2.0.0' }] },
    }),
  );
  const entities = [
    component('current', gp('node-service@2.0.0'), { system: 'Shop' }),
    component('ahead', gp('node-service@2.1.0')),
    component('behind', gp('node-service@1.9.9')),
    component('bare', gp('node-service')),
    component('not-semver', gp('node-service@latest')),
    component('plain', {}, { owner: 'checkout', lifecycle: 'experimental' }),
    component('site', gp('node-service@2.0.0'), { type: 'website' }),
  ];

  it('reads services only, golden path with <archetype>@<semver> only, current as the golden-path fact says', async () => {
    const { services, truncated } = await readServices({
      catalog: catalogServiceMock({ entities }),
      goldenPath,
      credentials: mockCredentials.user(),
      limit: 100,
    });
    expect(truncated).toBe(false);
    expect(
      services.map(s => [s.entityRef, s.archetype ?? null, s.current]),
    ).toEqual([
      ['component:default/current', 'node-service', true],
      ['component:default/ahead', 'node-service', true],
      ['component:default/behind', 'node-service', false],
      ['component:default/bare', null, false],
      ['component:default/not-semver', null, false],
      ['component:default/plain', null, false],
    ]);
    expect(services[0]).toMatchObject({
      system: 'system:default/shop',
      owner: 'group:default/payments',
      lifecycle: 'production',
      currentVersion: '2.0.0',
    });
    expect(services[5]).toMatchObject({
      owner: 'group:default/checkout',
      lifecycle: 'experimental',
      system: null,
    });
  });

  it('reads at most the limit and says so', async () => {
    const { services, truncated } = await readServices({
      catalog: catalogServiceMock({ entities }),
      goldenPath,
      credentials: mockCredentials.user(),
      limit: 2,
    });
    expect(services).toHaveLength(2);
    expect(truncated).toBe(true);
  });
});
