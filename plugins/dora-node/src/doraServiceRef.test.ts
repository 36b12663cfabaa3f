import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { DoraMetrics } from '@paved-road/plugin-dora-common';
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
            bridge.provide({ getMetrics: async () => metrics });
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
  });

  it('falls back to HTTP when no DORA plugin runs in the backend', async () => {
    let dora: DoraService | undefined;
    await startTestBackend({ features: [consumer(d => (dora = d))] });

    // The test backend has no /api/dora, so the HTTP call fails.
    await expect(
      dora!.getMetrics({ entityRef: 'component:default/a' }),
    ).rejects.toThrow();
  });
});
