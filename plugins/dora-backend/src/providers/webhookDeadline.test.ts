import { createBackendModule } from '@backstage/backend-plugin-api';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { AuthenticationError } from '@backstage/errors';
import {
  DoraProviderWebhookContext,
  doraProvidersExtensionPoint,
  webhookHeader,
} from '@paved-road/plugin-dora-node';
import {
  localBackendPassthrough,
  startDoraTestBackend,
} from '@paved-road/plugin-dora-node/testUtils';
import { HttpResponse, delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { ConfigReader } from '@backstage/config';
import { doraPlugin } from '../plugin';
import { readAcceptWithinMs } from './createWebhookRouter';

const server = setupServer(localBackendPassthrough);
registerMswTestHooks(server);

const VENDOR = 'https://vendor.example.test/api/lookup';
const entityRef = 'component:default/payments';

/** A module that checks a token, then asks its (slow) vendor, then ingests. */
const slowVendorModule = createBackendModule({
  pluginId: 'dora',
  moduleId: 'test-slow-vendor',
  register(env) {
    env.registerInit({
      deps: { providers: doraProvidersExtensionPoint },
      async init({ providers }) {
        providers.addProvider({
          id: 'slow',
          webhook: {
            async handle(request, context: DoraProviderWebhookContext) {
              if (webhookHeader(request, 'x-token') !== 'right') {
                throw new AuthenticationError('Invalid X-Token');
              }
              const res = await fetch(VENDOR, {
                signal: AbortSignal.timeout(60_000),
              });
              const { finishedAt } = await res.json();
              await context.ingest([
                {
                  kind: 'deployment',
                  source: 'slow',
                  id: 'd-1',
                  entityRef,
                  environment: 'production',
                  status: 'success',
                  finishedAt,
                },
              ]);
            },
          },
        });
      },
    });
  },
});

describe('webhook answer deadline', () => {
  it('answers a valid delivery 202 within 1 s while the vendor takes 30 s, and stores the event later', async () => {
    let release: () => void = () => {};
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    server.use(
      http.get(VENDOR, async () => {
        // 30 s, unless the test lets it answer earlier.
        await Promise.race([delay(30_000), released]);
        return HttpResponse.json({ finishedAt: new Date().toISOString() });
      }),
    );
    const dora = await startDoraTestBackend({
      features: [doraPlugin, slowVendorModule],
      config: { dora: { webhooks: { acceptWithinMs: 700 } } },
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'payments', namespace: 'default' },
          spec: { type: 'service', owner: 'group:default/team' },
        },
      ],
    });
    const deployments = async () =>
      (await dora.get(`/deployments?entityRef=${entityRef}`)).items;

    const forged = await dora.deliver('slow', '{}', { 'X-Token': 'wrong' });
    expect(forged.status).toBe(401);

    const started = Date.now();
    const accepted = await dora.deliver('slow', '{}', { 'X-Token': 'right' });
    expect(accepted.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await deployments()).toEqual([]);

    release();
    let stored: unknown[] = [];
    for (let i = 0; i < 100 && stored.length === 0; i++) {
      await new Promise(resolve => setTimeout(resolve, 50));
      stored = await deployments();
    }
    expect(stored).toHaveLength(1);
  }, 30_000);
});

describe('dora.webhooks.acceptWithinMs', () => {
  const read = (value?: number) =>
    readAcceptWithinMs(
      new ConfigReader(
        value === undefined
          ? {}
          : { dora: { webhooks: { acceptWithinMs: value } } },
      ),
    );

  it('defaults to 700 ms and takes a value from 100 to 9000', () => {
    expect(read()).toBe(700);
    expect(read(100)).toBe(100);
    expect(read(9000)).toBe(9000);
  });

  it('fails naming the key when out of range', () => {
    expect(() => read(10_000)).toThrow(
      "Invalid config 'dora.webhooks.acceptWithinMs': expected whole milliseconds from 100 to 9000, got 10000",
    );
    expect(() => read(0)).toThrow(/dora\.webhooks\.acceptWithinMs/);
  });
});
