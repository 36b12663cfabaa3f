// The module is tested inside the real DORA backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@paved-road/plugin-dora-backend';
import { startDoraTestBackend } from '@paved-road/plugin-dora-node/testUtils';
import doraModuleGithub from './index';

async function start(dora: object) {
  const backend = await startDoraTestBackend({
    features: [doraPlugin, doraModuleGithub],
    config: {
      integrations: { github: [{ host: 'github.com', token: 't' }] },
      dora,
    },
  });
  return (await backend.get('/health')).providers as string[];
}

describe('doraModuleGithub', () => {
  it('adds the github provider when dora.providers.github is configured', async () => {
    expect(await start({ providers: { github: {} } })).toEqual(['github']);
  });

  it('adds nothing without the section or when disabled', async () => {
    expect(await start({})).toEqual([]);
    expect(await start({ providers: { github: { enabled: false } } })).toEqual(
      [],
    );
  });

  it('fails at start-up naming the malformed key', async () => {
    await expect(
      start({ providers: { github: { mode: 'releases' } } }),
    ).rejects.toThrow(
      "Invalid config 'dora.providers.github.mode': expected 'deployments' or 'workflowRuns'",
    );
  });
});
