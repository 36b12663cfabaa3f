import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { DefaultSloService } from './DefaultSloService';
import { SloIncident } from './loadSliData';
import { PrometheusClient } from './PrometheusClient';
import { SloDefinitionReader } from './SloDefinitionReader';

const now = new Date('2026-11-30T00:00:00Z');
const hour = 3_600_000;

const incidentSlo = (name: string, target = 0.99) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 1d
      isRolling: true
  objectives:
    - target: ${target}
  indicator:
    metadata: { name: ${name}-sli }
    spec:
      ratioMetric:
        counter: true
        good: { metricSource: { type: paved-road-incidents } }
        total: { metricSource: { type: paved-road-incidents } }
`;

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'backstage.io/source-location':
          'url:https://git.example.com/acme/repo/blob/main/',
        ...annotations,
      },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

function setup(options: { files: Record<string, string>; config?: object }) {
  const entities = new Map<string, Entity>([
    [
      'component:default/payments',
      component('payments', { 'paved-road.dev/openslo-ref': './slo.yaml' }),
    ],
    [
      'component:default/broken',
      component('broken', {
        'paved-road.dev/openslo-ref': 'https://git.example.com/broken.yaml',
      }),
    ],
    ['component:default/cart', component('cart', {})],
  ]);
  const read: string[] = [];
  const urlReader = mockServices.urlReader.mock({
    readUrl: async (url: string) => {
      read.push(url);
      const text = options.files[url];
      if (text === undefined) throw new NotFoundError(`no file at ${url}`);
      return { buffer: async () => Buffer.from(text) } as any;
    },
  });
  const incidents: SloIncident[] = [
    {
      openedAt: now.getTime() - 2 * hour,
      resolvedAt: now.getTime() - hour,
      severity: 'sev1',
    },
  ];
  const service = DefaultSloService.create({
    getEntity: async ref => entities.get(ref),
    reader: SloDefinitionReader.fromConfig(
      new ConfigReader(options.config ?? {}),
      { urlReader },
    ),
    sources: {
      incidents: async () => incidents,
      prometheus: new PrometheusClient({ baseUrl: 'http://127.0.0.1:9' }),
    },
    logger: mockServices.logger.mock(),
  });
  return { service, read };
}

const credentials = mockCredentials.user();

describe('DefaultSloService', () => {
  it('reads the annotated file relative to the source location and computes its SLOs', async () => {
    const { service, read } = setup({
      files: {
        'https://git.example.com/acme/repo/blob/main/slo.yaml':
          incidentSlo('availability'),
      },
    });

    const result = await service.getEntitySlos({
      entityRef: 'component:default/payments',
      credentials,
      now,
    });

    expect(read).toEqual([
      'https://git.example.com/acme/repo/blob/main/slo.yaml',
    ]);
    expect(result.definitions).toEqual({
      type: 'annotation',
      location: 'https://git.example.com/acme/repo/blob/main/slo.yaml',
    });
    expect(result.slos).toHaveLength(1);
    expect(result.slos[0]).toMatchObject({
      name: 'availability',
      attainment: expect.closeTo(23 / 24, 12),
      errorBudget: {
        unit: 'seconds',
        consumed: 3_600,
        total: expect.closeTo(864, 6),
      },
    });
  });

  it('shows a parse error naming the line and field, and nothing else breaks', async () => {
    const { service } = setup({
      files: {
        'https://git.example.com/broken.yaml': incidentSlo('x').replace(
          'target: 0.99',
          'target: high',
        ),
      },
    });

    const result = await service.getEntitySlos({
      entityRef: 'component:default/broken',
      credentials,
      now,
    });

    expect(result.slos).toEqual([]);
    expect(result.error).toEqual({
      message:
        'line 11: spec.objectives[0].target: expected a number between 0 and 1 (exclusive)',
      field: 'spec.objectives[0].target',
      line: 11,
    });
  });

  it('turns one SLO to error when Prometheus is unreachable; the others are computed', async () => {
    const prometheusSlo = `---
apiVersion: openslo/v1
kind: SLO
metadata: { name: latency }
spec:
  budgetingMethod: Occurrences
  timeWindow: [{ duration: 1d, isRolling: true }]
  objectives: [{ target: 0.99, op: lte, value: 0.3 }]
  indicator:
    metadata: { name: p99 }
    spec:
      thresholdMetric: { metricSource: { type: prometheus, spec: { query: p99_latency_seconds } } }
`;
    const { service } = setup({
      files: {
        'https://git.example.com/acme/repo/blob/main/slo.yaml':
          incidentSlo('availability') + prometheusSlo,
      },
    });

    const result = await service.getEntitySlos({
      entityRef: 'component:default/payments',
      credentials,
      now,
    });

    expect(result.slos.map(s => [s.name, s.status])).toEqual([
      // 1h down in the last 2h: the 1d/2h ticket condition fires (4.2x, 50x)
      ['availability', 'ticket'],
      ['latency', 'error'],
    ]);
    expect(result.slos[1]).toMatchObject({
      reason: expect.stringMatching(
        /^Could not reach Prometheus for the 'query'/,
      ),
    });
  });

  it('uses definitions from app-config for entities that cannot carry a file', async () => {
    const { service, read } = setup({
      files: {},
      config: {
        dora: {
          slo: {
            definitions: [
              {
                entityRef: 'Component:default/cart',
                openslo: incidentSlo('cart-availability', 0.95),
              },
            ],
          },
        },
      },
    });

    const result = await service.getEntitySlos({
      entityRef: 'component:default/cart',
      credentials,
      now,
    });

    expect(read).toEqual([]);
    expect(result.definitions).toEqual({
      type: 'config',
      location: 'app-config: dora.slo.definitions',
    });
    expect(result.slos[0]).toMatchObject({
      name: 'cart-availability',
      target: 0.95,
    });
  });

  it('says when an entity has no SLO and rejects unknown entities', async () => {
    const { service } = setup({ files: {} });
    await expect(
      service.getEntitySlos({
        entityRef: 'component:default/cart',
        credentials,
        now,
      }),
    ).resolves.toEqual({
      entityRef: 'component:default/cart',
      definitions: { type: 'none' },
      slos: [],
    });
    await expect(
      service.getEntitySlos({
        entityRef: 'component:default/nope',
        credentials,
        now,
      }),
    ).rejects.toThrow(NotFoundError);
  });
});
