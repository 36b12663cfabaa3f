/*
 * Starts the scorecard plugin in a test backend with N entities in a mock
 * catalog, lets the scheduled pass store them, then times single-entity reads.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { scorecardFactProvidersExtensionPoint } from '@paved-road/plugin-scorecard-node';
import { AddressInfo } from 'node:net';
import { scorecardPlugin } from '../../plugins/scorecard-backend/src/plugin';
import { benchProvider } from './config';

export async function benchApi(options: {
  entities: Entity[];
  metrics: Map<string, Record<string, unknown>>;
  config: JsonObject;
  requests: number;
}) {
  const module = createBackendModule({
    pluginId: 'scorecard',
    moduleId: 'bench-provider',
    register(env) {
      env.registerInit({
        deps: { providers: scorecardFactProvidersExtensionPoint },
        async init({ providers }) {
          providers.addFactProvider(benchProvider(options.metrics));
        },
      });
    },
  });
  const t0 = performance.now();
  const backend = await startTestBackend({
    features: [
      scorecardPlugin,
      module,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({ data: { scorecard: options.config } }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
    ],
  });
  const passMs = performance.now() - t0;
  const { port } = backend.server.address() as AddressInfo;
  const headers = { Authorization: mockCredentials.user.header() };
  const overview = await fetch(
    `http://localhost:${port}/api/scorecard/overview/rollup`,
    { headers },
  );
  const stored = (
    (await overview.json()) as { owners: Array<{ total: number }> }
  ).owners.reduce((n, o) => n + o.total, 0);

  const latencies: number[] = [];
  for (let i = 0; i < options.requests + 20; i++) {
    const name =
      options.entities[(i * 7919) % options.entities.length].metadata.name;
    const start = performance.now();
    const res = await fetch(
      `http://localhost:${port}/api/scorecard/entities/component/default/${name}`,
      { headers },
    );
    await res.json();
    if (!res.ok) throw new Error(`GET ${name}: ${res.status}`);
    if (i >= 20) latencies.push(performance.now() - start); // first 20 warm up
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[
      Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))
    ];
  return {
    stored,
    passMs,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    stop: () => backend.stop(),
  };
}
