import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DoraEventsDeleteResponse,
  DoraEventsResponse,
  doraEventCreatePermission,
  doraEventDeletePermission,
  doraProviderReadPermission,
} from '@paved-road/plugin-dora-common';
import { DatabaseDoraStore } from '../database/DatabaseDoraStore';
import { DatabaseEventDeleter } from '../database/DatabaseEventDeleter';
import { DefaultDoraService } from './DefaultDoraService';
import { parseDelete } from './parseDelete';
import { parseEvents } from './parseEvents';
import { PushedEvent, eventKey, pushedEvents } from './pushedEvents';
import { PushTokenScopes } from './pushTokenScopes';
import { DoraBackendService, DoraSubject } from './types';

/** Options of {@link AuthorizedDoraService.create}. @internal */
export interface AuthorizedDoraServiceOptions {
  inner: DefaultDoraService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: Pick<DatabaseDoraStore, 'storedEntityRefs'>;
  /** Sources only providers write under: their ids, and `demo`. */
  reservedSources: () => string[];
  /** `dora.pushTokens`: static tokens limited to some owners' entities. */
  pushTokens: PushTokenScopes;
  /** Deletes events for `DELETE /events`. */
  deleter: Pick<DatabaseEventDeleter, 'findByKeys' | 'findBySource' | 'delete'>;
}

/**
 * The one place that decides what a caller may read and push.
 *
 * Reads by `entityRef` answer only for entities the caller can see in the
 * catalog (unknown and hidden entities get the same 404); owner reads
 * already list the owner's entities with the caller's credentials.
 * Pushes: no reserved `source` (400), `dora.event.create` allowed for every
 * distinct `entityRef` and, for a token listed in `dora.pushTokens`, every
 * entity owned by one of its owners (403 naming the first denied event;
 * nothing stored), and no event moved to another entity (409).
 * Deletes: `dora.event.delete` allowed for every entity whose events would
 * go (and, for a `dora.pushTokens` token, owned by one of its owners; 403
 * naming the entity, nothing deleted); by source and entity only for a
 * visible entity (404 otherwise).
 *
 * @internal
 */
export class AuthorizedDoraService implements DoraBackendService {
  static create(options: AuthorizedDoraServiceOptions): AuthorizedDoraService {
    return new AuthorizedDoraService(options);
  }

  private constructor(private readonly options: AuthorizedDoraServiceOptions) {}

  async ingest(
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<DoraEventsResponse> {
    const batch = parseEvents(body);
    const events = pushedEvents(body, batch);
    this.refuseReservedSources(events);
    await this.authorizeEntities(events, credentials);
    await this.refuseUnknownBuildEntities(events, credentials);
    await this.refuseMoves(events);
    return this.options.inner.ingestBatch(batch);
  }

  /**
   * `DELETE /events`: by identities (`body.events`) or every event of one
   * source for one entity (`query.source`, `query.entityRef`).
   */
  async deleteEvents(
    query: unknown,
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<DoraEventsDeleteResponse> {
    const request = parseDelete(query, body);
    const { deleter } = this.options;
    if ('events' in request) {
      const { entityRefs, ...target } = await deleter.findByKeys(
        request.events,
      );
      await this.authorizeDelete(entityRefs, credentials);
      return { deleted: await deleter.delete(target) };
    }
    await this.requireVisible({ ...request, credentials });
    await this.authorizeDelete([request.entityRef], credentials);
    const target = await deleter.findBySource(
      request.source,
      request.entityRef,
    );
    return { deleted: await deleter.delete(target) };
  }

  getMetrics: DoraBackendService['getMetrics'] = async options => {
    await this.requireVisible(options);
    return this.options.inner.getMetrics(options);
  };

  listDeployments: DoraBackendService['listDeployments'] = async options => {
    await this.requireVisible(options);
    return this.options.inner.listDeployments(options);
  };

  /** Like `listDeployments`: 404 for an entity the caller cannot see. */
  listIncidents: DefaultDoraService['listIncidents'] = async options => {
    await this.requireVisible(options);
    return this.options.inner.listIncidents(options);
  };

  /** Like `getMetrics`: 404 for an entity the caller cannot see. */
  getTrend: DefaultDoraService['getTrend'] = async options => {
    await this.requireVisible(options);
    return this.options.inner.getTrend(options);
  };

  /** The owner's entities are listed with the caller's credentials. */
  getMetricsByEntity: DefaultDoraService['getMetricsByEntity'] = options =>
    this.options.inner.getMetricsByEntity(options);

  /** `GET /providers` shows cursors and last errors: `dora.provider.read`. */
  async authorizeProviderRead(credentials: BackstageCredentials) {
    const [decision] = await this.options.permissions.authorize(
      [{ permission: doraProviderReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Missing permission '${doraProviderReadPermission.name}'`,
      );
    }
  }

  private async requireVisible(
    options: DoraSubject & { credentials: BackstageCredentials },
  ) {
    if (!options.entityRef) return;
    let ref: string;
    try {
      ref = stringifyEntityRef(
        parseEntityRef(options.entityRef, { defaultNamespace: 'default' }),
      ).toLocaleLowerCase('en-US');
    } catch {
      throw new InputError(
        "Invalid 'entityRef': expected an entity ref like component:default/name",
      );
    }
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials: options.credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity '${ref}' in the catalog`);
    }
  }

  private async authorizeDelete(
    refs: string[],
    credentials: BackstageCredentials,
  ) {
    if (refs.length === 0) return;
    const decisions = await this.options.permissions.authorize(
      refs.map(resourceRef => ({
        permission: doraEventDeletePermission,
        resourceRef,
      })),
      { credentials },
    );
    const denied = refs.find(
      (_, i) => decisions[i]?.result !== AuthorizeResult.ALLOW,
    );
    if (denied) {
      throw new NotAllowedError(
        `Not allowed to delete events of '${denied}' (permission '${doraEventDeletePermission.name}'); nothing was deleted`,
      );
    }
    const owners = this.options.pushTokens.ownersFor(credentials);
    if (!owners) return;
    const notOwned = await this.options.pushTokens.notOwned({
      refs,
      owners,
      catalog: this.options.catalog,
      credentials,
    });
    const foreign = refs.find(ref => notOwned.has(ref));
    if (foreign) {
      throw new NotAllowedError(
        `This token may delete only events of entities owned by ${[
          ...owners,
        ].join(
          ', ',
        )} (dora.pushTokens), not of '${foreign}'; nothing was deleted`,
      );
    }
  }

  private refuseReservedSources(events: PushedEvent[]) {
    const reserved = new Set(
      [...this.options.reservedSources(), 'demo'].map(s =>
        s.toLocaleLowerCase('en-US'),
      ),
    );
    const event = events.find(e =>
      reserved.has(e.source.toLocaleLowerCase('en-US')),
    );
    if (event) {
      throw new InputError(
        `events[${event.index}].source: '${event.source}' is reserved for an installed provider; push under your own source name, e.g. 'ci'`,
      );
    }
  }

  private async authorizeEntities(
    events: PushedEvent[],
    credentials: BackstageCredentials,
  ) {
    const refs = [...new Set(events.map(e => e.entityRef))];
    if (refs.length === 0) return;
    // One call: the permission backend resolves conditional decisions
    // (e.g. isEntityOwner) with the catalog for each resourceRef.
    const decisions = await this.options.permissions.authorize(
      refs.map(resourceRef => ({
        permission: doraEventCreatePermission,
        resourceRef,
      })),
      { credentials },
    );
    const denied = new Set(
      refs.filter((_, i) => decisions[i]?.result !== AuthorizeResult.ALLOW),
    );
    const event = events.find(e => denied.has(e.entityRef));
    if (event) {
      throw new NotAllowedError(
        `events[${event.index}].entityRef: not allowed to push events for '${event.entityRef}' (permission '${doraEventCreatePermission.name}'); nothing was stored`,
      );
    }
    const owners = this.options.pushTokens.ownersFor(credentials);
    if (!owners) return;
    const notOwned = await this.options.pushTokens.notOwned({
      refs,
      owners,
      catalog: this.options.catalog,
      credentials,
    });
    const foreign = events.find(e => notOwned.has(e.entityRef));
    if (foreign) {
      const list = [...owners].join(', ');
      throw new NotAllowedError(
        `events[${foreign.index}].entityRef: this token may push only for entities owned by ${list} (dora.pushTokens), not for '${foreign.entityRef}'; nothing was stored`,
      );
    }
  }

  /**
   * Builds come from CI runs anywhere, often before a service is in the
   * catalog: their entity must exist (and be visible to the caller), or the
   * build figures would fill up with typos.
   */
  private async refuseUnknownBuildEntities(
    events: PushedEvent[],
    credentials: BackstageCredentials,
  ) {
    const builds = events.filter(e => e.kind === 'build');
    const refs = [...new Set(builds.map(e => e.entityRef))];
    if (refs.length === 0) return;
    const { items } = await this.options.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    const known = new Set(
      items
        .filter((e): e is NonNullable<typeof e> => Boolean(e))
        .map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')),
    );
    const unknown = builds.find(e => !known.has(e.entityRef));
    if (unknown) {
      throw new InputError(
        `events[${unknown.index}].entityRef: no entity '${unknown.entityRef}' in the catalog; builds are stored only for catalog entities`,
      );
    }
  }

  private async refuseMoves(events: PushedEvent[]) {
    const stored = await this.options.store.storedEntityRefs(events);
    const event = events.find(e => {
      const ref = stored.get(eventKey(e));
      return ref !== undefined && ref !== e.entityRef;
    });
    if (event) {
      // The stored entity is not named: the caller may not see it.
      throw new ConflictError(
        `events[${event.index}].entityRef: ${event.kind} '${event.id}' of source '${event.source}' is stored for another entity; a resend may not move it, push it with its original entityRef or under a new id`,
      );
    }
  }
}
