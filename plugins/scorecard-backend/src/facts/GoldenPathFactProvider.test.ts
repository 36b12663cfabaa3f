import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { component } from '../__testUtils__/fixtures';
import { GoldenPathFactProvider } from './GoldenPathFactProvider';

const load = async (config: object, annotation?: string) => {
  const provider = GoldenPathFactProvider.fromConfig(new ConfigReader(config));
  const entity = component(
    'svc',
    annotation
      ? { annotations: { 'paved-road.dev/golden-path': annotation } }
      : {},
  );
  const batch = await provider.loadFacts({
    entities: [entity],
    entityRefs: ['component:default/svc'],
    facts: [],
    credentials: mockCredentials.service(),
  });
  return batch.get('component:default/svc');
};

describe('GoldenPathFactProvider', () => {
  const archetypes = {
    goldenPath: {
      archetypes: [{ id: 'node-service', version: '2.3.1' }],
    },
  };

  it('reads archetype and version and compares with the archetype version from config', async () => {
    expect(await load(archetypes, 'node-service@2.1.0')).toEqual({
      archetype: 'node-service',
      version: '2.1.0',
      latestVersion: '2.3.1',
      drift: 'minor',
      current: false,
      majorsBehind: 0,
    });
    expect(await load(archetypes, 'node-service@1.9.9')).toMatchObject({
      drift: 'major',
      majorsBehind: 1,
    });
    expect(await load(archetypes, 'node-service@2.3.0')).toMatchObject({
      drift: 'patch',
      current: false,
    });
    expect(await load(archetypes, 'node-service@2.3.1')).toMatchObject({
      drift: 'none',
      current: true,
    });
  });

  it('falls back to the built-in archetypes, then 1.0.0', async () => {
    expect(await load(archetypes, 'python-service@1.0.0')).toMatchObject({
      latestVersion: '1.1.0',
      drift: 'minor',
    });
    expect(await load(archetypes, 'go-service@1.0.0')).toMatchObject({
      latestVersion: '1.0.0',
      current: true,
    });
    expect(await load({}, 'go-service@2.0.0')).toMatchObject({
      latestVersion: '1.0.0',
      drift: 'none',
      current: true,
    });
    expect(await load({}, 'go-service@0.9.0')).toMatchObject({
      latestVersion: '1.0.0',
      drift: 'major',
    });
  });

  it('has no facts without the annotation, and no drift for a malformed version', async () => {
    expect(await load(archetypes)).toEqual({});
    expect(await load(archetypes, 'node-service@latest')).toMatchObject({
      archetype: 'node-service',
      version: 'latest',
      current: undefined,
    });
  });
});
