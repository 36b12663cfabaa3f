import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { ResponseError } from '@backstage/errors';
import { GithubClient } from './GithubClient';

const server = setupServer();
registerMswTestHooks(server);

const GHE = 'https://ghe.acme.test/api/v3';

function client(host = 'ghe.acme.test') {
  return GithubClient.fromConfig(
    new ConfigReader({
      integrations: {
        github: [
          { host: 'ghe.acme.test', apiBaseUrl: GHE, token: 'ghe-token' },
        ],
      },
    }),
    { host, requests: { maxAttempts: 2, baseDelayMs: 1 } },
  );
}

const commit = (n: number) => ({
  sha: `sha${n}`,
  commit: {
    author: { date: `2026-11-0${n}T08:00:00Z` },
    committer: { date: `2026-11-0${n}T09:00:00Z` },
  },
});

describe('GithubClient', () => {
  it("calls the GitHub Enterprise API base URL with the integration's token", async () => {
    const seen: Request[] = [];
    server.use(
      http.get(`${GHE}/repos/acme/cart/deployments`, ({ request }) => {
        seen.push(request);
        return HttpResponse.json(
          [
            {
              id: 1,
              sha: 'abc',
              environment: 'production',
              created_at: '2026-11-20T10:00:00Z',
            },
          ],
          { headers: { Link: `<${GHE}/x?page=2>; rel="next"` } },
        );
      }),
    );

    const page = await client().listDeployments('acme/cart', {
      page: 1,
      perPage: 30,
      environment: 'production',
    });

    expect(page).toEqual({
      items: [expect.objectContaining({ id: 1, sha: 'abc' })],
      hasNext: true,
    });
    const url = new URL(seen[0].url);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      environment: 'production',
      per_page: '30',
      page: '1',
    });
    expect(seen[0].headers.get('authorization')).toBe('Bearer ghe-token');
    expect(seen[0].headers.get('x-github-api-version')).toBe('2022-11-28');
  });

  it('reads every page of a comparison until total_commits', async () => {
    const pages: string[] = [];
    server.use(
      http.get(
        `${GHE}/repos/acme/cart/compare/:basehead`,
        ({ request, params }) => {
          expect(params.basehead).toBe('base1...head5');
          const page = Number(new URL(request.url).searchParams.get('page'));
          pages.push(
            `${page}:${new URL(request.url).searchParams.get('per_page')}`,
          );
          const all = [1, 2, 3, 4, 5].map(commit);
          return HttpResponse.json({
            status: 'ahead',
            total_commits: 5,
            commits: all.slice((page - 1) * 2, page * 2),
          });
        },
      ),
    );
    const commits = await client().compareCommits(
      'acme/cart',
      'base1',
      'head5',
      {
        perPage: 2,
      },
    );
    expect(commits?.map(c => c.sha)).toEqual([
      'sha1',
      'sha2',
      'sha3',
      'sha4',
      'sha5',
    ]);
    expect(pages).toEqual(['1:2', '2:2', '3:2']);
  });

  it('answers undefined when GitHub no longer knows a compared commit', async () => {
    server.use(
      http.get(`${GHE}/repos/acme/cart/compare/:basehead`, () =>
        HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
      ),
    );
    expect(
      await client().compareCommits('acme/cart', 'gone', 'head', {
        perPage: 2,
      }),
    ).toBeUndefined();
  });

  it('throws a ForwardedError over the ResponseError naming the path, never the token or query', async () => {
    server.use(
      http.get(`${GHE}/repos/acme/secret/deployments`, () =>
        HttpResponse.json({ message: 'Bad credentials' }, { status: 401 }),
      ),
    );
    const error = await client()
      .listDeployments('acme/secret', { page: 1, perPage: 5 })
      .catch(e => e);
    expect(error.cause).toBeInstanceOf(ResponseError);
    expect(error.cause.statusCode).toBe(401);
    expect(error.message).toBe(
      `GitHub GET ${GHE}/repos/acme/secret/deployments failed; caused by ResponseError: Request failed with 401 Unauthorized`,
    );
    expect(error.message).not.toContain('ghe-token');
    expect(error.message).not.toContain('per_page');
  });

  it('refuses a host without an integration', () => {
    expect(() => client('github.example.com')).toThrow(
      "No 'integrations.github' entry for host 'github.example.com'",
    );
  });
});
