import {
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ActionContext } from '@backstage/plugin-scaffolder-node';
import { RepositoryLocation } from './connectRepository';

function refs(
  values: unknown[],
  defaults: { defaultKind: string; defaultNamespace: string },
): string[] {
  return values.flatMap(v => {
    if (typeof v !== 'string') return [];
    try {
      return [stringifyEntityRef(parseEntityRef(v, defaults))];
    } catch {
      return [];
    }
  });
}

function relationTargets(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef.toLocaleLowerCase('en-US'));
}

/** The user and the groups it is a member of, as lower-case entity refs. */
function identities(userRef: string, user: Entity | undefined): Set<string> {
  const ids = new Set([userRef.toLocaleLowerCase('en-US')]);
  if (user) {
    const memberOf = Array.isArray(user.spec?.memberOf)
      ? (user.spec!.memberOf as unknown[])
      : [];
    refs(memberOf, {
      defaultKind: 'group',
      defaultNamespace: user.metadata.namespace ?? 'default',
    }).forEach(r => ids.add(r.toLocaleLowerCase('en-US')));
    relationTargets(user, RELATION_MEMBER_OF).forEach(r => ids.add(r));
  }
  return ids;
}

function owners(entity: Entity): string[] {
  return [
    ...refs([entity.spec?.owner], {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }).map(r => r.toLocaleLowerCase('en-US')),
    ...relationTargets(entity, RELATION_OWNED_BY),
  ];
}

/**
 * Refuses unless the initiator owns every catalog entity annotated with the
 * repository (`github.com/project-slug` or `gitlab.com/project-slug`), as seen with the initiator's
 * credentials: the entity's owner is the user or one of its groups. Used
 * when the action would act with the integration's token, which can reach
 * repositories the user cannot.
 */
export async function assertInitiatorOwnsRepository(options: {
  ctx: Pick<ActionContext<any>, 'user' | 'getInitiatorCredentials'>;
  catalog: CatalogService;
  location: RepositoryLocation;
}): Promise<void> {
  const { ctx, catalog } = options;
  const { slug, slugAnnotation } = options.location;
  const vendor = options.location.provider === 'github' ? 'GitHub' : 'GitLab';
  const hint = `or pass the user's own ${vendor} token in 'token' (a RepoUrlPicker with requestUserCredentials)`;
  const userRef = ctx.user?.ref;
  if (!userRef) {
    throw new NotAllowedError(
      `Refusing to upgrade '${slug}' with the integration's credentials: the task has no signed-in initiator; run it as the owner ${hint}`,
    );
  }
  const credentials = await ctx.getInitiatorCredentials();
  const user =
    ctx.user?.entity ??
    (await catalog.getEntityByRef(userRef, { credentials }));
  const { items } = await catalog.getEntities(
    { filter: { [`metadata.annotations.${slugAnnotation}`]: slug } },
    { credentials },
  );
  if (items.length === 0) {
    throw new NotAllowedError(
      `Refusing to upgrade '${slug}' with the integration's credentials: no catalog entity you can see has '${slugAnnotation}: ${slug}'; register the service first ${hint}`,
    );
  }
  const mine = identities(userRef, user);
  const notMine = items.find(e => !owners(e).some(o => mine.has(o)));
  if (notMine) {
    throw new NotAllowedError(
      `Refusing to upgrade '${slug}' with the integration's credentials: '${userRef}' does not own '${stringifyEntityRef(
        notMine,
      )}' (owner '${String(
        notMine.spec?.owner,
      )}'); ask its owner to run it ${hint}`,
    );
  }
}
