import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * `dora.pushTokens`: static-token subjects that may push only for entities
 * owned by given groups.
 *
 * Backstage never asks the permission policy about service principals
 * (static tokens included): their `accessRestrictions` alone decide. So a
 * policy cannot limit a team's CI token to its team's entities; this can.
 *
 * @internal
 */
export class PushTokenScopes {
  static fromConfig(config: Config): PushTokenScopes {
    const scopes = new Map<string, Set<string>>();
    config.getOptionalConfigArray('dora.pushTokens')?.forEach((entry, i) => {
      const key = `dora.pushTokens[${i}]`;
      const subject = entry.getString('subject');
      if (scopes.has(subject)) {
        throw new Error(
          `Invalid configuration: '${key}.subject' repeats '${subject}'; list each token subject once`,
        );
      }
      const owners = entry.getStringArray('owners').map((ref, j) => {
        try {
          return stringifyEntityRef(
            parseEntityRef(ref, {
              defaultKind: 'group',
              defaultNamespace: 'default',
            }),
          ).toLocaleLowerCase('en-US');
        } catch {
          throw new Error(
            `Invalid configuration: '${key}.owners[${j}]' must be an entity ref like group:default/payments, got '${ref}'`,
          );
        }
      });
      scopes.set(subject, new Set(owners));
    });
    return new PushTokenScopes(scopes);
  }

  private constructor(private readonly scopes: Map<string, Set<string>>) {}

  /** The owners a caller is limited to, or `undefined` when unlimited. */
  ownersFor(credentials: BackstageCredentials): Set<string> | undefined {
    const principal = credentials.principal as {
      type?: string;
      subject?: string;
    };
    if (principal.type !== 'service' || !principal.subject) return undefined;
    return this.scopes.get(principal.subject);
  }

  /**
   * The refs among `refs` not owned by one of `owners`; entities the
   * catalog does not show the caller count as not owned.
   */
  async notOwned(options: {
    refs: string[];
    owners: Set<string>;
    catalog: CatalogService;
    credentials: BackstageCredentials;
  }): Promise<Set<string>> {
    const { refs, owners } = options;
    const { items } = await options.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: ['kind', 'metadata.namespace', 'metadata.name', 'relations'],
      },
      { credentials: options.credentials },
    );
    return new Set(
      refs.filter(
        (_, i) =>
          !items[i]?.relations?.some(
            r =>
              r.type === RELATION_OWNED_BY &&
              owners.has(r.targetRef.toLocaleLowerCase('en-US')),
          ),
      ),
    );
  }
}
