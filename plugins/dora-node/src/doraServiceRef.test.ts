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
