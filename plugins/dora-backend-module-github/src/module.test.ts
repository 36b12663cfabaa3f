import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested inside the real DORA backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@paved-road/plugin-dora-backend';
import { call } from './__testUtils__/http';
import doraModuleGithub from './index';

async function start(dora: object) {
  const { server } = await startTestBackend({
    features: [
      doraPlugin,
      doraModuleGithub,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          integrations: { github: [{ host: 'github.com', token: 't' }] },
          dora,
        },
      }),
    ],
  });
  const res = await call(server, '/api/dora/health', {
    headers: { Authorization: mockCredentials.service.header() },
  });
  return res.body.providers as string[];
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
