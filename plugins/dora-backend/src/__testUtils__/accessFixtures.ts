import {
  BackstageCredentials,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: parent
    ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
    : [],
});

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

/** Team A owns `a` and (hidden from Alice) `secret`; team B owns `b`. */
export const accessEntities: Entity[] = [
  group('team-a'),
  group('team-b'),
  component('a', 'team-a'),
  component('secret', 'team-a'),
  component('b', 'team-b'),
];

/** The user who cannot see `component:default/secret`. */
export const ALICE = 'user:default/alice';
const HIDDEN_FROM_ALICE = new Set(['component:default/secret']);

const ownerOf = (ref: string) =>
  accessEntities
    .find(e => stringifyEntityRef(e) === ref)
    ?.relations?.find(r => r.type === 'ownedBy')?.targetRef;

function hidden(entity: Entity, credentials?: BackstageCredentials) {
  const principal = credentials?.principal as
    | { type: string; userEntityRef?: string }
    | undefined;
  return (
    !!entity &&
    principal?.type === 'user' &&
    principal.userEntityRef === ALICE &&
    HIDDEN_FROM_ALICE.has(stringifyEntityRef(entity))
  );
}

/**
 * A catalog over `entities` that answers as its permission policy would:
 * an entity for which `hidden(entity, credentials)` holds is absent, by
 * ref, by refs or in a filtered list.
 */
export function createVisibilityCatalog(options: {
  entities: Entity[];
  hidden: (entity: Entity, credentials?: BackstageCredentials) => boolean;
}) {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory() {
      const inner = catalogServiceMock({ entities: options.entities });
      const isHidden = (entity: Entity | undefined | null, o: any) =>
        !!entity && options.hidden(entity, o?.credentials);
      return {
        ...inner,
        async getEntityByRef(ref: any, o: any) {
          const entity = await inner.getEntityByRef(ref, o);
          return isHidden(entity, o) ? undefined : entity;
        },
        async getEntitiesByRefs(req: any, o: any) {
          const res = await inner.getEntitiesByRefs(req, o);
          return { items: res.items.map(e => (isHidden(e, o) ? null : e)) };
        },
        async getEntities(req: any, o: any) {
          const res = await inner.getEntities(req, o);
          return { items: res.items.filter(e => !isHidden(e, o)) };
        },
      } as any;
    },
  });
}

/**
 * The catalog as its permission policy would answer: Alice does not see
 * `secret` (by ref, by refs or in a filtered list); everyone else sees all.
 */
export const visibilityCatalog = createVisibilityCatalog({
  entities: accessEntities,
  hidden,
});

/**
 * Per-request decisions, as a policy with resolved catalog conditions
 * would give them for users (service principals never reach a policy):
 * Alice, of team A, may push only for entities team A owns (as
 * `isEntityOwner` would resolve) and may not read providers.
 */
export const accessPolicy = () =>
  mockServices.permissions.mock({
    async authorize(requests, options) {
      const principal = options.credentials.principal as {
        userEntityRef?: string;
      };
      const isAlice = principal.userEntityRef === ALICE;
      return requests.map(request => {
        const { permission } = request;
        const resourceRef = (request as { resourceRef?: string }).resourceRef;
        let allowed = true;
        if (permission.name === 'dora.provider.read') {
          allowed = !isAlice;
        } else if (
          isResourcePermission(permission, 'catalog-entity') &&
          isAlice
        ) {
          allowed = ownerOf(resourceRef ?? '') === 'group:default/team-a';
        }
        return {
          result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        };
      });
    },
  });
