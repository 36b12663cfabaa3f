import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { createVisibilityCatalog } from '../../__testUtils__/accessFixtures';
import { DAY, at } from '../../__testUtils__/fixtures';

const group = (name: string, children: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children },
  relations: children.map(c => ({
    type: 'parentOf',
    targetRef: `group:default/${c}`,
  })),
});

const component = (
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

const paved = (archetype: string, scaffoldedDay?: number) => ({
  'paved-road.dev/golden-path': `${archetype}@1.0.0`,
  ...(scaffoldedDay === undefined
    ? {}
    : { 'paved-road.dev/scaffolded-at': at(scaffoldedDay * DAY) }),
});

/**
 * Commerce is the parent of payments and checkout. Payments: p1..p4 on the
 * paved road (p3 never deployed), o1 off it, `secret` (paved) hidden from
 * Alice. Checkout: c1 paved (scaffolded before the window), o2..o4 off,
 * and the website w1, not a service.
 */
export const outcomeEntities: Entity[] = [
  group('commerce', ['payments', 'checkout']),
  group('payments'),
  group('checkout'),
  component('p1', 'payments', paved('node-service', 1)),
  component('p2', 'payments', paved('node-service', 2)),
  component('p3', 'payments', paved('python-service', 10)),
  component('p4', 'payments', paved('node-service', 35)),
  // Not `<archetype>@<semver>`: off the road.
  component('o1', 'payments', {
    'paved-road.dev/golden-path': 'node-service@latest',
  }),
  component('secret', 'payments', paved('node-service', 5)),
  component('c1', 'checkout', paved('node-service', -30)),
  component('o2', 'checkout'),
  component('o3', 'checkout'),
  component('o4', 'checkout'),
  // Not a service: never counted, though deployed.
  {
    ...component('w1', 'checkout'),
    spec: { type: 'website', owner: 'checkout' },
  },
];

/** Cannot see `secret`. */
export const ALICE = 'user:default/alice';
/** Denied `catalog.entity.read` by the policy: sees nothing. */
export const MALLORY = 'user:default/mallory';

function hidden(entity: Entity, credentials?: BackstageCredentials) {
  const user = (credentials?.principal as { userEntityRef?: string })
    ?.userEntityRef;
  if (user === MALLORY) return true;
  return user === ALICE && stringifyEntityRef(entity).endsWith('/secret');
}

/** The catalog as its permission policy would answer each caller. */
export const outcomesCatalog = createVisibilityCatalog({
  entities: outcomeEntities,
  hidden,
});

const deploy = (
  entity: string,
  id: string,
  day: number,
  extra: Record<string, unknown> = {},
) => ({
  kind: 'deployment',
  source: 'ci',
  id,
  entityRef: `component:default/${entity}`,
  environment: 'production',
  status: 'success',
  finishedAt: at(day * DAY),
  ...extra,
});

const build = (
  entity: string,
  id: string,
  day: number,
  seconds: number,
  status: string,
) => ({
  kind: 'build',
  source: 'ci',
  id,
  entityRef: `component:default/${entity}`,
  pipeline: 'main',
  status,
  startedAt: at(day * DAY - seconds * 1000),
  finishedAt: at(day * DAY),
});

/** The events behind the hand-computed figures of the outcomes test. */
export const outcomeEvents = [
  deploy('p1', 'p1-a', 3, {
    changes: [{ sha: 'p1c', committedAt: at(2 * DAY) }],
  }),
  deploy('p1', 'p1-b', 5),
  deploy('p2', 'p2-stage', 2.5, { environment: 'staging' }),
  deploy('p2', 'p2-fail', 3, { status: 'failure' }),
  deploy('p2', 'p2-a', 6),
  // Before p4 was scaffolded: not its first deployment.
  deploy('p4', 'p4-early', 34),
  deploy('p4', 'p4-a', 37, {
    changes: [{ sha: 'p4c', committedAt: at(36.5 * DAY) }],
  }),
  deploy('secret', 'secret-a', 6),
  deploy('c1', 'c1-a', 4),
  deploy('o1', 'o1-a', 2),
  deploy('o2', 'o2-a', 2),
  deploy('o2', 'o2-b', 3, { status: 'rolled_back' }),
  deploy('o3', 'o3-a', 7),
  deploy('w1', 'w1-a', 8),
  build('p1', 'b1', 3, 600, 'success'),
  build('p2', 'b2', 6, 300, 'failure'),
  build('p4', 'b3', 37, 900, 'success'),
  build('p4', 'b4', 37, 60, 'cancelled'),
  build('secret', 'b5', 6, 1200, 'success'),
  build('o1', 'b6', 2, 120, 'success'),
  build('o2', 'b7', 2, 240, 'failure'),
  build('o3', 'b8', 7, 360, 'success'),
  // Not a service: never counted.
  build('w1', 'b9', 8, 30, 'failure'),
  {
    kind: 'incident',
    source: 'pager',
    id: 'inc-1',
    entityRef: 'component:default/p1',
    openedAt: at(5 * DAY + 3600000),
    resolvedAt: at(5 * DAY + 3 * 3600000),
  },
];
