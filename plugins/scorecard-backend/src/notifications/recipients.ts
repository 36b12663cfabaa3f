import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
} from '@backstage/catalog-model';
import { ownerOf } from '../service/entityRefs';

/**
 * Who hears about an entity: the targets of its `ownedBy` relations, else
 * its `spec.owner`, else the entity itself.
 *
 * @internal
 */
export function recipientsOf(entity: Entity, entityRef: string): string[] {
  const owners = (entity.relations ?? [])
    .filter(r => r.type === RELATION_OWNED_BY)
    .map(r => r.targetRef);
  if (owners.length > 0) return [...new Set(owners)].sort();
  const owner = ownerOf(entity);
  return [owner ?? entityRef];
}

/** The entity page in the Backstage app, `/catalog/<ns>/<kind>/<name>`. @internal */
export function entityLink(entity: Entity): string {
  const namespace = (entity.metadata.namespace ?? 'default').toLocaleLowerCase(
    'en-US',
  );
  const kind = entity.kind.toLocaleLowerCase('en-US');
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind,
  )}/${encodeURIComponent(entity.metadata.name)}`;
}

/** The app's page of a template ref such as `template:default/upgrade`. @internal */
export function templateLink(templateRef: string): string {
  const ref = parseEntityRef(templateRef, {
    defaultKind: 'template',
    defaultNamespace: 'default',
  });
  return `/create/templates/${encodeURIComponent(
    ref.namespace,
  )}/${encodeURIComponent(ref.name)}`;
}
