import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** The entity's owner as a full lowercase ref, or null. @internal */
export function ownerOf(entity: Entity): string | null {
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || owner === '') return null;
  try {
    return normalizeOwner(owner, entity.metadata.namespace ?? 'default');
  } catch {
    return null;
  }
}

/** `payments` and `Group:default/Payments` both become `group:default/payments`. @internal */
export function normalizeOwner(owner: string, namespace = 'default'): string {
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: namespace,
    }),
  ).toLocaleLowerCase('en-US');
}

/** Owner filters from the query, rejected with the field named when malformed. @internal */
export function parseOwners(owners: string[]): string[] {
  return owners.map(o => {
    try {
      return normalizeOwner(o);
    } catch {
      throw new InputError(
        `Invalid 'owner': expected an entity ref like 'group:default/team-a', got '${o}'`,
      );
    }
  });
}

/** The opaque overview cursor. @internal */
export function encodeCursor(after: string): string {
  return Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');
}

/** @internal */
export function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // fall through to the InputError below
  }
  throw new InputError(
    `Invalid 'cursor': pass back the 'nextCursor' of the previous page`,
  );
}
