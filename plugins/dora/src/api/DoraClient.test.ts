import { registerMswTestHooks } from '@backstage/test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  DORA_BASE,
  RecordedRequest,
  doraHandlers,
  testDoraClient,
} from '../__testUtils__/fixtures';

const server = setupServer();
registerMswTestHooks(server);

describe('DoraClient', () => {
  const from = new Date('2026-10-23T00:00:00Z');
  const to = new Date('2026-11-22T00:00:00Z');

  it('asks /metrics for an entity and a window in ISO 8601', async () => {
    const requests: RecordedRequest[] = [];
    server.use(...doraHandlers({ requests }));
    const metrics = await testDoraClient().getMetrics({
      entityRef: 'component:default/payments-api',
      from,
      to,
    });
    expect(metrics.deploymentFrequency.deployments).toBe(18);
    expect(requests).toHaveLength(1);
    expect(Object.fromEntries(requests[0].params)).toEqual({
      entityRef: 'component:default/payments-api',
      from: '2026-10-23T00:00:00.000Z',
      to: '2026-11-22T00:00:00.000Z',
    });
  });

  it('asks /metrics for an owner without entityRef', async () => {
    const requests: RecordedRequest[] = [];
    server.use(...doraHandlers({ requests }));
    await testDoraClient().getMetrics({ owner: 'group:default/payments' });
    expect(Object.fromEntries(requests[0].params)).toEqual({
      owner: 'group:default/payments',
    });
  });

  it('asks /metrics/trend once for count weekly buckets', async () => {
    const requests: RecordedRequest[] = [];
    server.use(...doraHandlers({ requests }));
    const { buckets } = await testDoraClient().getTrend({
      entityRef: 'component:default/payments-api',
      to,
      count: 3,
    });
    expect(buckets.map(b => b.from)).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-11-08T00:00:00.000Z',
      '2026-11-15T00:00:00.000Z',
    ]);
    expect(requests).toHaveLength(1);
    expect(requests[0].path).toBe('/api/dora/metrics/trend');
    expect(Object.fromEntries(requests[0].params)).toEqual({
      entityRef: 'component:default/payments-api',
      bucket: 'week',
      count: '3',
      to: '2026-11-22T00:00:00.000Z',
    });
  });

  it('asks /metrics/by-entity once for an owner and a window', async () => {
    const requests: RecordedRequest[] = [];
    server.use(
      ...doraHandlers({
        requests,
        ownedBy: () => ['component:default/a', 'component:default/b'],
      }),
    );
    const { items } = await testDoraClient().getMetricsByEntity({
      owner: 'group:default/payments',
      from,
      to,
    });
    expect(items.map(i => i.entityRef)).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
    expect(requests).toHaveLength(1);
    expect(requests[0].path).toBe('/api/dora/metrics/by-entity');
    expect(Object.fromEntries(requests[0].params)).toEqual({
      owner: 'group:default/payments',
      from: '2026-10-23T00:00:00.000Z',
      to: '2026-11-22T00:00:00.000Z',
    });
  });

  it('pages /deployments with cursor and limit', async () => {
    const requests: RecordedRequest[] = [];
    server.use(...doraHandlers({ requests }));
    const page = await testDoraClient().getDeployments({
      owner: 'group:default/payments',
      from,
      to,
      cursor: 'WzEsMl0',
      limit: 50,
    });
    expect(page.items[0].incidents[0].rule).toBe('latest-before');
    expect(requests[0].path).toBe('/api/dora/deployments');
    expect(requests[0].params.get('cursor')).toBe('WzEsMl0');
    expect(requests[0].params.get('limit')).toBe('50');
    expect(requests[0].params.get('owner')).toBe('group:default/payments');
  });

  it('asks /slos for an entity', async () => {
    const requests: RecordedRequest[] = [];
    server.use(...doraHandlers({ requests }));
    const slos = await testDoraClient().getSlos({
      entityRef: 'component:default/payments-api',
    });
    expect(slos.slos).toHaveLength(2);
    expect(requests[0].params.get('entityRef')).toBe(
      'component:default/payments-api',
    );
  });

  it('throws a ResponseError carrying the backend error', async () => {
    server.use(
      http.get(`${DORA_BASE}/metrics`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message: "Invalid 'from': expected an ISO 8601 date",
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    await expect(
      testDoraClient().getMetrics({ entityRef: 'component:default/x' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 400,
      cause: expect.objectContaining({ name: 'InputError' }),
    });
  });
});
