import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { SetupServer } from 'msw/node';
import { readGitlabProviderConfig } from '../config';
import { GitlabDoraProvider } from '../GitlabDoraProvider';
import { component } from './entities';
import { DAY, FakeGitlab, T0 } from './fakeGitlab';

export const API = 'https://gitlab.com/api/v4';
export const TOKEN = 'glpat-test-token';
export const NOW = T0 + 10 * DAY;

/**
 * A {@link FakeGitlab} served by `server` and a provider reading it (pages
 * of 2, quick retries, time pinned at {@link NOW}); `gitlab` is merged into
 * `dora.providers.gitlab`.
 */
export function createGitlabProvider(
  server: SetupServer,
  options: {
    gitlab?: object;
    entities: ReturnType<typeof component>[];
    token?: string;
  },
) {
  const gitlab = new FakeGitlab(API, TOKEN);
  server.use(...gitlab.handlers());
  const config = readGitlabProviderConfig(
    new ConfigReader({
      integrations: {
        gitlab: [{ host: 'gitlab.com', token: options.token ?? TOKEN }],
      },
      dora: {
        providers: {
          gitlab: {
            requests: { maxAttempts: 3, initialBackoff: '10ms', maxWait: '5s' },
            ...options.gitlab,
          },
        },
      },
    }),
  );
  const provider = GitlabDoraProvider.create({
    config,
    catalog: catalogServiceMock({ entities: options.entities }),
    auth: mockServices.auth(),
    now: () => NOW,
    pageSize: 2,
  });
  return { gitlab, provider };
}
