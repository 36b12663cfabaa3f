import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { DoraEntitySlos } from '@paved-road/plugin-dora-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { component } from '../__testUtils__/fixtures';
import { SloFactProvider } from './SloFactProvider';

const slos: DoraEntitySlos = {
  entityRef: 'component:default/a',
  definitions: { type: 'annotation', location: './slo.yaml' },
  slos: [
    {
      name: 'availability',
      displayName: 'Availability',
      target: 0.995,
      budgetingMethod: 'Occurrences',
      window: { label: '28d', from: '', to: '' },
      attainment: 0.998,
      errorBudget: {
        unit: 'events',
        total: 100,
        consumed: 40,
        remaining: 60,
        remainingRatio: 0.6,
      },
      burnRates: { '1h': 1, '6h': 1, '1d': 1, '3d': 1 },
      status: 'ok',
      firing: [],
    },
    {
      name: 'latency',
      displayName: 'Latency',
      target: 0.99,
      budgetingMethod: 'Occurrences',
      window: { label: '28d', from: '', to: '' },
      attainment: 0.991,
      errorBudget: {
        unit: 'events',
        total: 100,
        consumed: 90,
        remaining: 10,
        remainingRatio: 0.1,
      },
      burnRates: { '1h': 3, '6h': 2, '1d': 1, '3d': 1 },
      status: 'ticket',
      firing: [],
    },
  ],
};

describe('SloFactProvider', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('loads each entity from /api/dora/slos with a plugin token', async () => {
    const seen: Array<{ entityRef: string | null; auth: string | null }> = [];
    server.use(
      http.get('http://localhost:0/api/dora/slos', ({ request }) => {
        const entityRef = new URL(request.url).searchParams.get('entityRef');
        seen.push({ entityRef, auth: request.headers.get('authorization') });
        if (entityRef === 'component:default/a') return HttpResponse.json(slos);
        if (entityRef === 'component:default/none') {
          return HttpResponse.json({
            entityRef,
            definitions: { type: 'none' },
            slos: [],
          });
        }
        if (entityRef === 'component:default/broken') {
          return HttpResponse.json({
            entityRef,
            definitions: { type: 'annotation' },
            error: { message: "'spec.target' must be below 1" },
            slos: [],
          });
        }
        return HttpResponse.json(
          { error: { name: 'NotFoundError', message: 'gone' } },
          { status: 404 },
        );
      }),
    );
    const provider = new SloFactProvider({
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
    });
    const batch = await provider.loadFacts({
      entities: ['a', 'none', 'broken', 'gone'].map(n => component(n)),
      entityRefs: ['a', 'none', 'broken', 'gone'].map(
        n => `component:default/${n}`,
      ),
      facts: ['defined'],
      credentials: mockCredentials.service(),
    });
    expect(batch.get('component:default/a')).toEqual({
      defined: true,
      count: 2,
      attainment: 0.991,
      budgetRemaining: 0.1,
      status: 'ticket',
    });
    expect(batch.get('component:default/none')).toMatchObject({
      defined: false,
      count: 0,
      attainment: undefined,
    });
    expect((batch.get('component:default/broken') as Error).message).toBe(
      "SLO definitions: 'spec.target' must be below 1",
    );
    expect(batch.get('component:default/gone')).toBeInstanceOf(Error);
    expect(seen).toHaveLength(4);
    expect(seen[0].auth).toMatch(/^Bearer /);
  });
});
