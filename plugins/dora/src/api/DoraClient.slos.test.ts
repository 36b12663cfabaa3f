import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { DORA_BASE, testDoraClient } from '../__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

function record(path: string, body: object) {
  const seen: URLSearchParams[] = [];
  server.use(
    http.get(`${DORA_BASE}${path}`, ({ request }) => {
      seen.push(new URL(request.url).searchParams);
      return HttpResponse.json(body);
    }),
  );
  return seen;
}

const summary = {
  slos: 0,
  atRisk: 0,
  errors: 0,
  medianBudgetBurned: null,
  atRiskSlos: [],
};

describe('DoraClient SLO history and groups', () => {
  it('asks /slos/history for an entity and a number of days', async () => {
    const seen = record('/slos/history', {
      entityRef: 'component:default/a',
      from: '2026-11-01',
      to: '2026-11-30',
      slos: [],
    });
    const history = await testDoraClient().getSloHistory({
      entityRef: 'component:default/a',
      days: 30,
    });
    expect(history.from).toBe('2026-11-01');
    expect(Object.fromEntries(seen[0])).toEqual({
      entityRef: 'component:default/a',
      days: '30',
    });
  });

  it('asks /slos/by-entity for an owner, or for refs joined by commas', async () => {
    const seen = record('/slos/by-entity', {
      items: [],
      notFound: [],
      summary,
    });
    const client = testDoraClient();
    await client.getSlosByEntity({ owner: 'group:default/payments' });
    await client.getSlosByEntity({
      entityRefs: ['component:default/a', 'component:default/b'],
    });
    expect(seen.map(p => Object.fromEntries(p))).toEqual([
      { owner: 'group:default/payments' },
      { entityRefs: 'component:default/a,component:default/b' },
    ]);
  });
});
