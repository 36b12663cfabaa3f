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
  DoraEventsResponse,
  doraEventCreatePermission,
  doraProviderReadPermission,
} from '@paved-road/plugin-dora-common';
import { DatabaseDoraStore } from '../database/DatabaseDoraStore';
import { DefaultDoraService } from './DefaultDoraService';
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
    await this.refuseMoves(events);
    return this.options.inner.ingestBatch(batch);
  }

  getMetrics: DoraBackendService['getMetrics'] = async options => {
    await this.requireVisible(options);
    return this.options.inner.getMetrics(options);
  };

  listDeployments: DoraBackendService['listDeployments'] = async options => {
    await this.requireVisible(options);
    return this.options.inner.listDeployments(options);
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
