import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DoraIncidentEvent } from '@paved-road/plugin-dora-common';
// The module is tested inside the real DORA backend it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import doraPlugin from '@paved-road/plugin-dora-backend';
import path from 'node:path';
import request from 'supertest';
import { doraModuleDemo } from './module';
import { generateRange } from './__testUtils__/generateRange';

const entityRef = 'component:default/payments-api';
/** The example app's catalog file; its SLO file lies next to it. */
const examplesFile = path.resolve(__dirname, '../../../examples/entities.yaml');

/** Downtime in ms: the union of [openedAt, resolvedAt ?? to) inside [from, to). */
function downtimeMs(incidents: DoraIncidentEvent[], from: number, to: number) {
  const intervals = incidents
    .map(i => [
      Math.max(Date.parse(i.openedAt), from),
      Math.min(i.resolvedAt ? Date.parse(i.resolvedAt) : to, to),
    ])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of intervals) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

describe('the example payments-api SLO over demo incidents', () => {
  it('shows the attainment and error budget that the generated incidents give', async () => {
    const { server } = await startTestBackend({
      features: [
        doraPlugin,
        doraModuleDemo,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'payments-api',
                namespace: 'default',
                annotations: {
                  'backstage.io/managed-by-location': `file:${examplesFile}`,
                  'backstage.io/managed-by-origin-location': `file:${examplesFile}`,
                  'paved-road.dev/openslo-ref': './slo/payments-api.yaml',
                },
              },
              spec: { type: 'service', owner: 'group:default/payments' },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            dora: { demo: { enabled: true, entities: [entityRef], days: 40 } },
          },
        }),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    });
    const syncedAt = Date.now();

    const res = await request(server)
      .get(`/api/dora/slos?entityRef=${encodeURIComponent(entityRef)}`)
      .set('Authorization', mockCredentials.service.header());

    expect(res.status).toBe(200);
    expect(res.body.error).toBeUndefined();
    expect(res.body.definitions.type).toBe('annotation');
    const [slo] = res.body.slos;
    expect(slo).toMatchObject({
      name: 'payments-api-availability',
      target: 0.995,
      window: { label: '30d' },
    });

    const from = Date.parse(slo.window.from);
    const to = Date.parse(slo.window.to);
    expect(to - from).toBe(30 * 86_400_000);
    const incidents = generateRange(entityRef, 40, syncedAt).filter(
      (e): e is DoraIncidentEvent => e.kind === 'incident',
    );
    const down = downtimeMs(incidents, from, to);
    // The demo history has incidents in these 30 days: the figures are not trivial.
    expect(down).toBeGreaterThan(0);

    const windowSeconds = (to - from) / 1000;
    expect(slo.attainment).toBeCloseTo(1 - down / (to - from), 9);
    expect(slo.errorBudget.unit).toBe('seconds');
    expect(slo.errorBudget.total).toBeCloseTo(0.005 * windowSeconds, 3);
    expect(slo.errorBudget.consumed).toBeCloseTo(down / 1000, 3);
    expect(slo.errorBudget.remaining).toBeCloseTo(
      0.005 * windowSeconds - down / 1000,
      3,
    );
  });
});
