import { mockApis, registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { CampaignInput } from '@paved-road/plugin-scorecard-common';
import { ScorecardClient } from './ScorecardClient';

const BASE = 'http://backstage.test/api/scorecard';
const server = setupServer();
registerMswTestHooks(server);

function client() {
  return new ScorecardClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
}

describe('ScorecardClient exemptions', () => {
  it('posts a request as JSON to the entity path', async () => {
    const seen: { url?: string; body?: unknown; type?: string | null } = {};
    server.use(
      http.post(
        `${BASE}/entities/component/default/payments-api/exemptions`,
        async ({ request }) => {
          seen.url = request.url;
          seen.type = request.headers.get('content-type');
          seen.body = await request.json();
          return HttpResponse.json(
            { id: 'ex-1', status: 'pending' },
            { status: 201 },
          );
        },
      ),
    );
    const result = await client().requestExemption(
      { kind: 'component', namespace: 'default', name: 'payments-api' },
      {
        checkId: 'has-docs',
        justification: 'Docs move to the vendor portal',
        expiresAt: '2027-01-31T23:59:00.000Z',
      },
    );
    expect(result).toEqual({ id: 'ex-1', status: 'pending' });
    expect(seen).toEqual({
      url: `${BASE}/entities/component/default/payments-api/exemptions`,
      type: 'application/json',
      body: {
        checkId: 'has-docs',
        justification: 'Docs move to the vendor portal',
        expiresAt: '2027-01-31T23:59:00.000Z',
      },
    });
  });

  it('posts decisions, lists with repeated status, and throws the backend error', async () => {
    let decision: unknown;
    let query: URLSearchParams | undefined;
    server.use(
      http.post(`${BASE}/exemptions/ex%2F1/decision`, async ({ request }) => {
        decision = await request.json();
        return HttpResponse.json({ id: 'ex/1', status: 'approved' });
      }),
      http.get(`${BASE}/exemptions`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json({ items: [], nextCursor: null });
      }),
      http.post(`${BASE}/exemptions/gone/decision`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ConflictError',
              message: "Exemption 'gone' is already denied",
            },
            response: { statusCode: 409 },
          },
          { status: 409 },
        ),
      ),
    );
    await expect(
      client().decideExemption('ex/1', { decision: 'approve', comment: 'ok' }),
    ).resolves.toEqual({ id: 'ex/1', status: 'approved' });
    expect(decision).toEqual({ decision: 'approve', comment: 'ok' });

    await client().listExemptions({
      statuses: ['pending', 'approved'],
      entityRef: 'component:default/payments-api',
      limit: 20,
    });
    expect(query?.getAll('status')).toEqual(['pending', 'approved']);
    expect(query?.get('entityRef')).toBe('component:default/payments-api');
    expect(query?.get('limit')).toBe('20');

    await expect(
      client().decideExemption('gone', { decision: 'deny' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      response: { status: 409 },
      body: { error: { message: "Exemption 'gone' is already denied" } },
    });
  });
});

describe('ScorecardClient campaigns', () => {
  it('lists, reads, creates and starts upgrades on the campaign routes', async () => {
    const seen: Array<{ method: string; url: string; body?: unknown }> = [];
    const record = async (request: Request) => {
      seen.push({
        method: request.method,
        url: request.url,
        ...(request.method === 'POST' && request.headers.get('content-type')
          ? { body: await request.json() }
          : {}),
      });
    };
    server.use(
      http.get(`${BASE}/campaigns`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ items: [] });
      }),
      http.get(`${BASE}/campaigns/:id`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ id: 'golden/1.1' });
      }),
      http.post(`${BASE}/campaigns`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ id: 'new-1' }, { status: 201 });
      }),
      http.post(`${BASE}/campaigns/:id/upgrades`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ started: 3 }, { status: 202 });
      }),
    );
    const input: CampaignInput = {
      title: 'Golden path 1.1',
      goal: { check: 'golden-path-current' },
      filter: { kind: ['component'] },
      deadline: '2027-03-31',
      owner: 'group:default/platform',
    };

    await expect(client().listCampaigns()).resolves.toEqual({ items: [] });
    await expect(client().getCampaign('golden/1.1')).resolves.toEqual({
      id: 'golden/1.1',
    });
    await expect(client().createCampaign(input)).resolves.toEqual({
      id: 'new-1',
    });
    await expect(client().startCampaignUpgrades('golden/1.1')).resolves.toEqual(
      { started: 3 },
    );
    expect(seen).toEqual([
      { method: 'GET', url: `${BASE}/campaigns` },
      { method: 'GET', url: `${BASE}/campaigns/golden%2F1.1` },
      { method: 'POST', url: `${BASE}/campaigns`, body: input },
      { method: 'POST', url: `${BASE}/campaigns/golden%2F1.1/upgrades` },
    ]);
  });

  it('throws the backend error of a refused campaign', async () => {
    server.use(
      http.post(`${BASE}/campaigns`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: "Invalid 'title': required" },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    await expect(client().createCampaign({} as any)).rejects.toMatchObject({
      name: 'ResponseError',
      response: { status: 400 },
      body: { error: { message: "Invalid 'title': required" } },
    });
  });
});
