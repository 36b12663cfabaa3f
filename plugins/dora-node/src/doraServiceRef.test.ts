import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { DoraEntitySlos, DoraMetrics } from '@paved-road/plugin-dora-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  DoraService,
  doraServiceBridgeRef,
  doraServiceRef,
} from './doraServiceRef';

function consumer(onInit: (dora: DoraService) => void) {
  return createBackendPlugin({
    pluginId: 'consumer',
    register(env) {
      env.registerInit({
        deps: { dora: doraServiceRef },
        async init({ dora }) {
          onInit(dora);
        },
      });
    },
  });
}

describe('doraServiceRef', () => {
  it('calls the implementation provided in the same backend', async () => {
    const metrics = { entityRefs: ['component:default/a'] } as DoraMetrics;
    const provider = createBackendPlugin({
      pluginId: 'dora',
      register(env) {
        env.registerInit({
          deps: { bridge: doraServiceBridgeRef },
          async init({ bridge }) {
            bridge.provide({
              getMetrics: async () => metrics,
              getSlos: async ({ entityRef }) => ({
                entityRef,
                definitions: { type: 'none' },
                slos: [],
              }),
              getMetricsByEntity: async ({ entityRefs }) => ({
                items: entityRefs.map(entityRef => ({ ...metrics, entityRef })),
                notFound: [],
              }),
              getSlosByEntity: async ({ entityRefs }) => ({
                items: [],
                notFound: entityRefs,
              }),
            });
          },
        });
      },
    });
    let dora: DoraService | undefined;

    await startTestBackend({
      features: [consumer(d => (dora = d)), provider],
    });

    await expect(
      dora!.getMetrics({ entityRef: 'component:default/a' }),
    ).resolves.toBe(metrics);
    await expect(
      dora!.getSlos({ entityRef: 'component:default/a' }),
    ).resolves.toEqual({
      entityRef: 'component:default/a',
      definitions: { type: 'none' },
      slos: [],
    });
    await expect(
      dora!.getSlosByEntity({ entityRefs: ['component:default/b'] }),
    ).resolves.toEqual({ items: [], notFound: ['component:default/b'] });
  });

  it('reads many entities over HTTP in chunks of 200 refs, merging the answers', async () => {
    const server = setupServer();
    server.listen({ onUnhandledRequest: 'error' });
    try {
      const asked: string[][] = [];
      server.use(
        http.get('*/api/dora/metrics/by-entity', ({ request }) => {
          const refs = new URL(request.url).searchParams
            .get('entityRefs')!
            .split(',');
          asked.push(refs);
          return HttpResponse.json({
            items: refs
              .filter(r => !r.endsWith('-hidden'))
              .map(entityRef => ({ entityRef, entityRefs: [entityRef] })),
            notFound: refs.filter(r => r.endsWith('-hidden')),
          });
        }),
      );
      let dora: DoraService | undefined;
      await startTestBackend({ features: [consumer(d => (dora = d))] });
      const refs = Array.from(
        { length: 450 },
        (_, i) => `component:default/s${i}${i === 333 ? '-hidden' : ''}`,
      );
      const result = await dora!.getMetricsByEntity({ entityRefs: refs });
      expect(asked.map(a => a.length)).toEqual([200, 200, 50]);
      expect(result.items).toHaveLength(449);
      expect(result.items[0].entityRef).toBe('component:default/s0');
      expect(result.notFound).toEqual(['component:default/s333-hidden']);
    } finally {
      server.close();
    }
  });

  describe('without a DORA plugin in the backend', () => {
    const server = setupServer();
    registerMswTestHooks(server);

    it('calls /api/dora over HTTP with a plugin token', async () => {
      const seen: string[] = [];
      const slos: DoraEntitySlos = {
        entityRef: 'component:default/a',
        definitions: { type: 'none' },
        slos: [],
      };
      server.use(
        http.get('*/api/dora/metrics', ({ request }) => {
          seen.push(`${request.url} ${request.headers.get('authorization')}`);
          return HttpResponse.json({ entityRefs: ['component:default/a'] });
        }),
        http.get('*/api/dora/slos', ({ request }) => {
          seen.push(`${request.url} ${request.headers.get('authorization')}`);
          return HttpResponse.json(slos);
        }),
      );
      let dora: DoraService | undefined;
      await startTestBackend({ features: [consumer(d => (dora = d))] });

      await expect(
        dora!.getMetrics({
          entityRef: 'component:default/a',
          from: new Date('2026-11-01T00:00:00Z'),
          to: new Date('2026-11-08T00:00:00Z'),
        }),
      ).resolves.toEqual({ entityRefs: ['component:default/a'] });
      await expect(
        dora!.getSlos({ entityRef: 'component:default/a' }),
      ).resolves.toEqual(slos);
      expect(seen).toHaveLength(2);
      expect(seen[0]).toMatch(
        /\/api\/dora\/metrics\?entityRef=component%3Adefault%2Fa&from=2026-11-01T00%3A00%3A00.000Z&to=2026-11-08T00%3A00%3A00.000Z Bearer \S+$/,
      );
      expect(seen[1]).toMatch(
        /\/api\/dora\/slos\?entityRef=component%3Adefault%2Fa Bearer \S+$/,
      );
    });

    it('turns HTTP errors into ResponseErrors', async () => {
      server.use(
        http.get('*/api/dora/slos', () =>
          HttpResponse.json(
            { error: { name: 'NotFoundError', message: 'No entity' } },
            { status: 404 },
          ),
        ),
      );
      let dora: DoraService | undefined;
      await startTestBackend({ features: [consumer(d => (dora = d))] });
      await expect(
        dora!.getSlos({ entityRef: 'component:default/x' }),
      ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 404 });
    });
  });
});
