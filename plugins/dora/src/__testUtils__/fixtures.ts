import { Entity } from '@backstage/catalog-model';
import { MockFetchApi, mockApis } from '@backstage/test-utils';
import {
  DoraDeploymentEvidence,
  DoraEntitySlos,
  DoraMetrics,
} from '@paved-road/plugin-dora-common';
import { http, HttpResponse } from 'msw';
import { DoraClient } from '../api';

/** Where msw answers the DORA backend in tests. */
export const DORA_BASE = 'http://example.com/api/dora';

/** A real client against {@link DORA_BASE}, so tests go through HTTP. */
export function testDoraClient() {
  return new DoraClient({
    discoveryApi: mockApis.discovery(),
    fetchApi: new MockFetchApi(),
  });
}

/** Contract-shaped metrics; override any key. */
export function metricsFixture(
  overrides: Partial<DoraMetrics> = {},
): DoraMetrics {
  return {
    window: {
      from: '2026-10-23T00:00:00.000Z',
      to: '2026-11-22T00:00:00.000Z',
    },
    entityRefs: ['component:default/payments-api'],
    deploymentFrequency: {
      deployments: 18,
      deploymentDays: 12,
      perWeek: 4.2,
      tier: 'high',
    },
    leadTimeForChanges: {
      changes: 40,
      medianSeconds: 12600,
      p90Seconds: 2 * 86400,
      tier: 'elite',
    },
    changeFailureRate: {
      deployments: 18,
      failedDeployments: 2,
      ratio: 2 / 18,
      tier: 'high',
    },
    timeToRestore: { incidents: 0, medianSeconds: null, tier: null },
    failedDeploymentRecoveryTime: {
      incidents: 2,
      medianSeconds: 5400,
      tier: 'high',
    },
    reworkRate: { deployments: 18, reworkDeployments: 3, ratio: 3 / 18 },
    benchmark: '2024',
    overallTier: 'high',
    // 22 decided builds, 20 succeeded: 90.9%; median 8.5 min, p90 14 min.
    builds: {
      builds: 24,
      succeeded: 20,
      failed: 2,
      cancelled: 2,
      successRate: 20 / 22,
      medianSeconds: 510,
      p90Seconds: 840,
    },
    ...overrides,
  };
}

/** Metrics of a scope with no sample at all. */
export function emptyMetricsFixture(): DoraMetrics {
  return metricsFixture({
    entityRefs: [],
    deploymentFrequency: {
      deployments: 0,
      deploymentDays: 0,
      perWeek: 0,
      tier: 'low',
    },
    leadTimeForChanges: {
      changes: 0,
      medianSeconds: null,
      p90Seconds: null,
      tier: null,
    },
    changeFailureRate: {
      deployments: 0,
      failedDeployments: 0,
      ratio: null,
      tier: null,
    },
    timeToRestore: { incidents: 0, medianSeconds: null, tier: null },
    failedDeploymentRecoveryTime: {
      incidents: 0,
      medianSeconds: null,
      tier: null,
    },
    reworkRate: { deployments: 0, reworkDeployments: 0, ratio: null },
    overallTier: null,
    builds: {
      builds: 0,
      succeeded: 0,
      failed: 0,
      cancelled: 0,
      successRate: null,
      medianSeconds: null,
      p90Seconds: null,
    },
  });
}

/** A deployment with one change and one incident linked by `latest-before`. */
export function deploymentFixture(
  overrides: Partial<DoraDeploymentEvidence> = {},
): DoraDeploymentEvidence {
  return {
    source: 'github',
    id: 'run-812',
    entityRef: 'component:default/payments-api',
    environment: 'production',
    status: 'success',
    startedAt: '2026-11-20T09:50:00Z',
    finishedAt: '2026-11-20T10:00:00Z',
    commitSha: 'abc1234def5678',
    rework: false,
    changes: [{ sha: 'abc1234def5678', committedAt: '2026-11-20T06:00:00Z' }],
    incidents: [
      {
        source: 'pagerduty',
        id: 'Q1X',
        openedAt: '2026-11-20T11:00:00Z',
        resolvedAt: '2026-11-20T12:30:00Z',
        severity: 'sev1',
        rule: 'latest-before',
      },
    ],
    ...overrides,
  };
}

/** SLOs of an entity: one healthy, one burning fast. */
export function slosFixture(): DoraEntitySlos {
  const window = {
    label: '30d rolling',
    from: '2026-10-23T00:00:00Z',
    to: '2026-11-22T00:00:00Z',
  };
  return {
    entityRef: 'component:default/payments-api',
    definitions: { type: 'annotation', location: './slo/payments-api.yaml' },
    slos: [
      {
        name: 'availability',
        displayName: 'Payments API availability',
        target: 0.995,
        budgetingMethod: 'Occurrences',
        window,
        attainment: 0.99812,
        errorBudget: {
          unit: 'seconds',
          total: 12960,
          consumed: 4860,
          remaining: 8100,
          remainingRatio: 0.625,
        },
        burnRates: { '1h': 0.5, '6h': 0.8, '1d': 1.1, '3d': 0.9 },
        status: 'ok',
        firing: [],
      },
      {
        name: 'latency',
        displayName: 'Checkout latency',
        target: 0.99,
        budgetingMethod: 'Occurrences',
        window,
        attainment: 0.982,
        errorBudget: {
          unit: 'events',
          total: 1000,
          consumed: 1800,
          remaining: -800,
          remainingRatio: -0.8,
        },
        burnRates: { '1h': 16.2, '6h': 7.1, '1d': null, '3d': 2 },
        status: 'page',
        firing: [
          {
            name: 'fast-burn',
            severity: 'page',
            threshold: 14.4,
            longWindowSeconds: 3600,
            shortWindowSeconds: 300,
            longBurnRate: 16.2,
            shortBurnRate: 18,
          },
        ],
      },
    ],
  };
}

/** A component entity with the given annotations. */
export function componentFixture(
  name: string,
  annotations: Record<string, string> = {},
  owner = 'group:default/payments',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner, lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

/** A group entity with child groups. */
export function groupFixture(name: string, children: string[] = []): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children },
    relations: children.map(c => ({
      type: 'parentOf',
      targetRef: `group:default/${c}`,
    })),
  };
}

const WEEK_MS = 7 * 86_400_000;

/** A recorded request to the DORA backend. */
export interface RecordedRequest {
  path: string;
  params: URLSearchParams;
}

/**
 * msw handlers answering the backend's read routes; every request is
 * recorded. `metrics` answers one `/metrics` request from its query, and
 * each bucket of `/metrics/trend` and item of `/metrics/by-entity` as if
 * it were one; `ownedBy` lists an owner's entities for `/metrics/by-entity`.
 */
export function doraHandlers(options: {
  requests: RecordedRequest[];
  metrics?: (params: URLSearchParams) => DoraMetrics;
  ownedBy?: (owner: string) => string[];
  deployments?: (params: URLSearchParams) => DoraDeploymentEvidence[];
  slos?: () => DoraEntitySlos;
}) {
  const record = (request: Request) => {
    const url = new URL(request.url);
    options.requests.push({ path: url.pathname, params: url.searchParams });
    return url.searchParams;
  };
  const metrics = options.metrics ?? (() => metricsFixture());
  return [
    http.get(`${DORA_BASE}/metrics`, ({ request }) =>
      HttpResponse.json(metrics(record(request))),
    ),
    http.get(`${DORA_BASE}/metrics/trend`, ({ request }) => {
      const params = record(request);
      const count = Number(params.get('count') ?? 12);
      const to = Date.parse(params.get('to') ?? new Date().toISOString());
      const buckets = Array.from({ length: count }, (_, i) => {
        const end = to - (count - 1 - i) * WEEK_MS;
        const window = {
          from: new Date(end - WEEK_MS).toISOString(),
          to: new Date(end).toISOString(),
        };
        const one = new URLSearchParams(params);
        one.set('from', window.from);
        one.set('to', window.to);
        return { ...window, ...metrics(one) };
      });
      return HttpResponse.json({ buckets });
    }),
    http.get(`${DORA_BASE}/metrics/by-entity`, ({ request }) => {
      const params = record(request);
      const owned = (options.ownedBy ?? (() => []))(params.get('owner')!);
      const items = owned.map(entityRef => {
        const one = new URLSearchParams(params);
        one.delete('owner');
        one.set('entityRef', entityRef);
        return { entityRef, ...metrics(one) };
      });
      return HttpResponse.json({ items });
    }),
    http.get(`${DORA_BASE}/deployments`, ({ request }) => {
      const params = record(request);
      const items = (options.deployments ?? (() => [deploymentFixture()]))(
        params,
      );
      return HttpResponse.json({ items, nextCursor: null });
    }),
    http.get(`${DORA_BASE}/slos`, ({ request }) => {
      record(request);
      return HttpResponse.json((options.slos ?? slosFixture)());
    }),
  ];
}

/** Days between `from` and `to` of a recorded request. */
export function windowDays(params: URLSearchParams): number {
  const ms = Date.parse(params.get('to')!) - Date.parse(params.get('from')!);
  return Math.round(ms / 86_400_000);
}
