/*
 * The bench workload: 10,000 components and 20 checks, expressed both as
 * scorecard checks and as Tech Insights json-rules-engine checks over the
 * same fact values.
 */
import { Entity } from '@backstage/catalog-model';

const DAY = 86_400_000;
const OWNERS = [
  'payments',
  'checkout',
  'platform',
  'search',
  'identity',
  'data',
];
const TIERS = ['elite', 'high', 'medium', 'low'];

let seed = 7;
const random = () => {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
};

/** Deterministic example components with annotations, tags and relations. */
export function makeEntities(count: number): Entity[] {
  return Array.from({ length: count }, (_, i) => {
    const annotations: Record<string, string> = {
      'github.com/project-slug': `acme/svc-${i}`,
    };
    if (random() < 0.7) annotations['backstage.io/techdocs-ref'] = 'dir:.';
    if (random() < 0.6)
      annotations['paved-road.dev/openslo-ref'] = './slo.yaml';
    if (random() < 0.8) {
      annotations['paved-road.dev/golden-path'] = `node-service@1.${Math.floor(
        random() * 2,
      )}.${Math.floor(random() * 3)}`;
    }
    if (random() < 0.5) annotations['pagerduty.com/service-id'] = `P${i}`;
    const owner = OWNERS[i % OWNERS.length];
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `svc-${String(i).padStart(5, '0')}`,
        namespace: 'default',
        annotations,
        tags: random() < 0.5 ? ['node', 'payments'] : ['python'],
        labels: { tier: String(1 + (i % 3)) },
      },
      spec: {
        type: random() < 0.9 ? 'service' : 'website',
        lifecycle: random() < 0.8 ? 'production' : 'experimental',
        owner: random() < 0.95 ? `group:default/${owner}` : undefined,
        system: random() < 0.7 ? 'shop' : undefined,
      },
      relations: [
        { type: 'ownedBy', targetRef: `group:default/${owner}` },
        ...(random() < 0.5
          ? [{ type: 'dependsOn', targetRef: 'resource:default/db' }]
          : []),
      ],
    };
  });
}

/** Facts of the `bench` provider (what DORA and SLO providers would load). */
export function makeMetricFacts(entities: Entity[], now: number) {
  return new Map(
    entities.map(e => [
      `component:default/${e.metadata.name}`,
      {
        deployments: Math.floor(random() * 60),
        leadTimeSeconds: Math.floor((random() * 30 * DAY) / 1000),
        changeFailureRate: random() * 0.4,
        restoreSeconds: Math.floor((random() * 2 * DAY) / 1000),
        overallTier: TIERS[Math.floor(random() * 4)],
        sloAttainment: 0.98 + random() * 0.02,
        budgetRemaining: random() * 1.2 - 0.2,
        coverage: Math.floor(random() * 100),
        lastDeployedAt: new Date(
          now - Math.floor(random() * 60) * DAY,
        ).toISOString(),
      } as Record<string, unknown>,
    ]),
  );
}

/**
 * The 20 checks. `jsonfc` is the equivalent json-rules-engine condition on
 * a flat fact of the same name (facts precomputed for Tech Insights).
 */
export const CHECKS: Array<{
  id: string;
  fact: string;
  operator: string;
  value?: unknown;
  level?: string;
  jsonfc: { operator: string; value: unknown };
}> = [
  {
    id: 'owner',
    fact: 'catalog:field:spec.owner',
    operator: 'exists',
    level: 'bronze',
    jsonfc: { operator: 'notEqual', value: null },
  },
  {
    id: 'owner-group',
    fact: 'catalog:relation:ownedBy',
    operator: 'matches',
    value: '^group:',
    level: 'bronze',
    jsonfc: { operator: 'equal', value: true },
  },
  {
    id: 'lifecycle',
    fact: 'catalog:field:spec.lifecycle',
    operator: 'in',
    value: ['production', 'experimental', 'deprecated'],
    level: 'bronze',
    jsonfc: {
      operator: 'in',
      value: ['production', 'experimental', 'deprecated'],
    },
  },
  {
    id: 'system',
    fact: 'catalog:field:spec.system',
    operator: 'exists',
    level: 'bronze',
    jsonfc: { operator: 'notEqual', value: null },
  },
  {
    id: 'docs',
    fact: 'catalog:annotation:backstage.io/techdocs-ref',
    operator: 'exists',
    level: 'silver',
    jsonfc: { operator: 'notEqual', value: null },
  },
  {
    id: 'slo-ref',
    fact: 'catalog:annotation:paved-road.dev/openslo-ref',
    operator: 'exists',
    level: 'silver',
    jsonfc: { operator: 'notEqual', value: null },
  },
  {
    id: 'pagerduty',
    fact: 'catalog:annotation:pagerduty.com/service-id',
    operator: 'exists',
    level: 'silver',
    jsonfc: { operator: 'notEqual', value: null },
  },
  {
    id: 'tier-label',
    fact: 'catalog:label:tier',
    operator: 'neq',
    value: '3',
    jsonfc: { operator: 'notEqual', value: '3' },
  },
  {
    id: 'gp-archetype',
    fact: 'golden-path:archetype',
    operator: 'exists',
    level: 'silver',
    jsonfc: { operator: 'notEqual', value: null },
  },
  {
    id: 'gp-current',
    fact: 'golden-path:current',
    operator: 'eq',
    value: true,
    level: 'gold',
    jsonfc: { operator: 'equal', value: true },
  },
  {
    id: 'gp-majors',
    fact: 'golden-path:majorsBehind',
    operator: 'lte',
    value: 0,
    jsonfc: { operator: 'lessThanInclusive', value: 0 },
  },
  {
    id: 'deployments',
    fact: 'bench:deployments',
    operator: 'gt',
    value: 4,
    level: 'silver',
    jsonfc: { operator: 'greaterThan', value: 4 },
  },
  {
    id: 'lead-time',
    fact: 'bench:leadTimeSeconds',
    operator: 'lt',
    value: 604800,
    level: 'gold',
    jsonfc: { operator: 'lessThan', value: 604800 },
  },
  {
    id: 'cfr',
    fact: 'bench:changeFailureRate',
    operator: 'lte',
    value: 0.15,
    level: 'gold',
    jsonfc: { operator: 'lessThanInclusive', value: 0.15 },
  },
  {
    id: 'restore',
    fact: 'bench:restoreSeconds',
    operator: 'lt',
    value: 86400,
    jsonfc: { operator: 'lessThan', value: 86400 },
  },
  {
    id: 'tier',
    fact: 'bench:overallTier',
    operator: 'in',
    value: ['elite', 'high'],
    level: 'gold',
    jsonfc: { operator: 'in', value: ['elite', 'high'] },
  },
  {
    id: 'slo-attainment',
    fact: 'bench:sloAttainment',
    operator: 'gte',
    value: 0.995,
    jsonfc: { operator: 'greaterThanInclusive', value: 0.995 },
  },
  {
    id: 'budget',
    fact: 'bench:budgetRemaining',
    operator: 'gt',
    value: 0,
    jsonfc: { operator: 'greaterThan', value: 0 },
  },
  {
    id: 'coverage',
    fact: 'bench:coverage',
    operator: 'gte',
    value: 60,
    jsonfc: { operator: 'greaterThanInclusive', value: 60 },
  },
  {
    id: 'deployed-recently',
    fact: 'bench:lastDeployedAt',
    operator: 'withinDays',
    value: 30,
    jsonfc: { operator: 'lessThanInclusive', value: 30 },
  },
];
