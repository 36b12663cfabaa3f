import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

/** The user who sees every entity in {@link hidingCatalog}. */
export const ADMIN = 'user:default/admin';

/**
 * A mock catalog with `entities` that hides the entities named in `hidden`
 * from every user but {@link ADMIN} (service callers see everything).
 */
export function hidingCatalog(entities: Entity[], hidden: string[]) {
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory() {
      const inner = catalogServiceMock({ entities });
      const hides = (e: Entity | undefined, creds: any) =>
        !!e &&
        hidden.includes(e.metadata.name) &&
        creds?.principal?.type === 'user' &&
        creds.principal.userEntityRef !== ADMIN;
      return {
        queryEntities: (req: any, options: any) =>
          inner.queryEntities(req, options),
        async getEntityByRef(ref: any, options: any) {
          const entity = await inner.getEntityByRef(ref, options);
          return hides(entity, options?.credentials) ? undefined : entity;
        },
        async getEntitiesByRefs(req: any, options: any) {
          const res = await inner.getEntitiesByRefs(req, options);
          return {
            items: res.items.map(e =>
              hides(e, options?.credentials) ? null : e,
            ),
          };
        },
      } as any;
    },
  });
}
