import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ScorecardClient } from './ScorecardClient';

const SCORECARD = 'http://backstage.test/api/scorecard';
const DORA = 'http://backstage.test/api/dora';
const server = setupServer();
registerMswTestHooks(server);

function client() {
  return new ScorecardClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
}

describe('ScorecardClient outcomes', () => {
  it('reads the outcomes and posts a pulse as JSON', async () => {
    let body: unknown;
    let type: string | null = null;
    server.use(
      http.get(`${SCORECARD}/outcomes`, () =>
        HttpResponse.json({ generatedAt: '2026-12-05T08:00:00.000Z' }),
      ),
      http.post(`${SCORECARD}/outcomes/pulse`, async ({ request }) => {
        type = request.headers.get('content-type');
        body = await request.json();
        return HttpResponse.json(
          { templateRef: 'template:default/node-service', score: 9 },
          { status: 201 },
        );
      }),
    );
    await expect(client().getOutcomes()).resolves.toEqual({
      generatedAt: '2026-12-05T08:00:00.000Z',
    });
    await expect(
      client().answerPulse({
        templateRef: 'template:default/node-service',
        score: 9,
        comment: 'Fast, thanks',
      }),
    ).resolves.toEqual({
      templateRef: 'template:default/node-service',
      score: 9,
    });
    expect(type).toBe('application/json');
    expect(body).toEqual({
      templateRef: 'template:default/node-service',
      score: 9,
      comment: 'Fast, thanks',
    });
  });

  it('filters comments by template and throws the backend error', async () => {
    const urls: string[] = [];
    server.use(
      http.get(`${SCORECARD}/outcomes/pulse/comments`, ({ request }) => {
        urls.push(request.url);
        if (new URL(request.url).searchParams.get('templateRef') === 'x') {
          return HttpResponse.json(
            {
              error: { name: 'NotAllowedError', message: 'Denied' },
              response: { statusCode: 403 },
            },
            { status: 403 },
          );
        }
        return HttpResponse.json({ items: [] });
      }),
    );
    await client().getPulseComments();
    await client().getPulseComments({
      templateRef: 'template:default/node-service',
    });
    expect(urls).toEqual([
      `${SCORECARD}/outcomes/pulse/comments`,
      `${SCORECARD}/outcomes/pulse/comments?templateRef=template%3Adefault%2Fnode-service`,
    ]);
    await expect(
      client().getPulseComments({ templateRef: 'x' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      response: { status: 403 },
    });
  });

  it('reads the DORA outcomes from the dora plugin with the window and owner', async () => {
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${DORA}/outcomes`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json({ owner: 'group:default/payments' });
      }),
    );
    await expect(
      client().getDoraOutcomes({
        from: new Date('2026-09-01T00:00:00Z'),
        to: new Date('2026-12-01T00:00:00Z'),
        owner: 'group:default/payments',
      }),
    ).resolves.toEqual({ owner: 'group:default/payments' });
    expect(Object.fromEntries(query!)).toEqual({
      from: '2026-09-01T00:00:00.000Z',
      to: '2026-12-01T00:00:00.000Z',
      owner: 'group:default/payments',
    });
  });
});
