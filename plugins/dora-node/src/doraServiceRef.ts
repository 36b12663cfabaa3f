import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DoraEntitySlos, DoraMetrics } from '@paved-road/plugin-dora-common';

/**
 * Options of {@link DoraService.getMetrics}.
 *
 * @public
 */
export interface DoraGetMetricsOptions {
  /** The entity, e.g. `component:default/payments`. */
  entityRef: string;
  /** Start of the window (inclusive). Default: 30 days before `to`. */
  from?: Date;
  /** End of the window (exclusive). Default: now. */
  to?: Date;
  /**
   * Used only when the DORA backend runs in another backend and is called
   * over HTTP; default: the calling plugin's own service credentials.
   */
  credentials?: BackstageCredentials;
}

/**
 * Options of {@link DoraService.getSlos}.
 *
 * @public
 */
export interface DoraGetSlosOptions {
  /** The entity, e.g. `component:default/payments`. */
  entityRef: string;
  /** As in {@link DoraGetMetricsOptions.credentials}. */
  credentials?: BackstageCredentials;
}

/**
 * Options of {@link DoraService.getMetricsByEntity} and
 * {@link DoraService.getSlosByEntity}.
 *
 * @public
 */
export interface DoraByEntityOptions {
  /** The entities (each read alone); any number, sent in chunks. */
  entityRefs: string[];
  /** Start of the window (inclusive), metrics only. Default: 30 days before `to`. */
  from?: Date;
  /** End of the window (exclusive), metrics only. Default: now. */
  to?: Date;
  /** As in {@link DoraGetMetricsOptions.credentials}. */
  credentials?: BackstageCredentials;
}

/**
 * Many entities' figures in few calls: `items` for the entities found (and
 * visible), the others in `notFound`.
 *
 * @public
 */
export interface DoraByEntityResult<T> {
  /** The figures of each entity found and visible, with its ref. */
  items: Array<T & { entityRef: string }>;
  /** Refs of the entities unknown to the catalog or hidden from the caller. */
  notFound: string[];
}

/**
 * DORA metrics and SLO status per entity for other backend plugins, e.g. a
 * scorecard.
 *
 * @public
 */
export interface DoraService {
  /** The entity's metrics, as `GET /api/dora/metrics?entityRef=` answers. */
  getMetrics(options: DoraGetMetricsOptions): Promise<DoraMetrics>;
  /** The entity's SLOs, as `GET /api/dora/slos?entityRef=` answers. */
  getSlos(options: DoraGetSlosOptions): Promise<DoraEntitySlos>;
  /** Each entity's metrics, as `GET /api/dora/metrics/by-entity?entityRefs=` answers. */
  getMetricsByEntity(
    options: DoraByEntityOptions,
  ): Promise<DoraByEntityResult<DoraMetrics>>;
  /** Each entity's SLOs, as `GET /api/dora/slos/by-entity?entityRefs=` answers. */
  getSlosByEntity(
    options: DoraByEntityOptions,
  ): Promise<DoraByEntityResult<DoraEntitySlos>>;
}

/** Refs per HTTP request: the query string stays well under 16 KB. */
const REFS_PER_REQUEST = 200;

/**
 * Runs `call` over `entityRefs` in chunks, merging the results.
 *
 * @internal
 */
async function inChunks<T>(
  entityRefs: string[],
  size: number,
  call: (refs: string[]) => Promise<DoraByEntityResult<T>>,
): Promise<DoraByEntityResult<T>> {
  const result: DoraByEntityResult<T> = { items: [], notFound: [] };
  for (let i = 0; i < entityRefs.length; i += size) {
    const part = await call(entityRefs.slice(i, i + size));
    result.items.push(...part.items);
    result.notFound.push(...part.notFound);
  }
  return result;
}

/**
 * Hands the DORA backend's implementation to plugins of the same backend.
 * The DORA plugin calls `provide` during its init; once every plugin has
 * started, `get` answers `undefined` if no DORA plugin was installed.
 *
 * @public
 */
export interface DoraServiceBridge {
  /** Called by the DORA plugin with its in-process implementation. */
  provide(service: DoraService): void;
  /** The in-process implementation, or `undefined` once start-up is over without one. */
  get(): Promise<DoraService | undefined>;
}

/**
 * Root-scoped meeting point between the DORA plugin and its consumers.
 *
 * @public
 */
export const doraServiceBridgeRef = createServiceRef<DoraServiceBridge>({
  id: 'dora.service-bridge',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { lifecycle: coreServices.rootLifecycle },
      factory({ lifecycle }) {
        let resolve: (s: DoraService | undefined) => void = () => {};
        const ready = new Promise<DoraService | undefined>(r => {
          resolve = r;
        });
        lifecycle.addStartupHook(() => resolve(undefined));
        return {
          provide: s => resolve(s),
          get: () => ready,
        };
      },
    }),
});

function httpDoraService(deps: {
  discovery: typeof coreServices.discovery.T;
  auth: typeof coreServices.auth.T;
}): DoraService {
  async function get<T>(
    path: string,
    query: URLSearchParams,
    credentials: BackstageCredentials | undefined,
  ): Promise<T> {
    const { token } = await deps.auth.getPluginRequestToken({
      onBehalfOf: credentials ?? (await deps.auth.getOwnServiceCredentials()),
      targetPluginId: 'dora',
    });
    const baseUrl = await deps.discovery.getBaseUrl('dora');
    const res = await fetch(`${baseUrl}${path}?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return (await res.json()) as T;
  }
  return {
    async getMetrics(options) {
      const query = new URLSearchParams({ entityRef: options.entityRef });
      if (options.from) query.set('from', options.from.toISOString());
      if (options.to) query.set('to', options.to.toISOString());
      return get<DoraMetrics>('/metrics', query, options.credentials);
    },
    async getSlos(options) {
      const query = new URLSearchParams({ entityRef: options.entityRef });
      return get<DoraEntitySlos>('/slos', query, options.credentials);
    },
    async getMetricsByEntity(options) {
      return inChunks(options.entityRefs, REFS_PER_REQUEST, async refs => {
        const query = new URLSearchParams({ entityRefs: refs.join(',') });
        if (options.from) query.set('from', options.from.toISOString());
        if (options.to) query.set('to', options.to.toISOString());
        const answer = await get<{
          items: Array<DoraMetrics & { entityRef: string }>;
          notFound?: string[];
        }>('/metrics/by-entity', query, options.credentials);
        return { items: answer.items, notFound: answer.notFound ?? [] };
      });
    },
    async getSlosByEntity(options) {
      return inChunks(options.entityRefs, REFS_PER_REQUEST, async refs => {
        const query = new URLSearchParams({ entityRefs: refs.join(',') });
        const answer = await get<{
          items: DoraEntitySlos[];
          notFound?: string[];
        }>('/slos/by-entity', query, options.credentials);
        return { items: answer.items, notFound: answer.notFound ?? [] };
      });
    },
  };
}

/**
 * Per-entity DORA metrics and SLOs. In the backend that runs the DORA
 * plugin, calls go straight to it in-process; elsewhere they go to
 * `/api/dora/metrics` and `/api/dora/slos`.
 *
 * @public
 */
export const doraServiceRef = createServiceRef<DoraService>({
  id: 'dora.service',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        bridge: doraServiceBridgeRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      factory({ bridge, discovery, auth }) {
        const http = httpDoraService({ discovery, auth });
        return {
          async getMetrics(options) {
            const local = await bridge.get();
            return (local ?? http).getMetrics(options);
          },
          async getSlos(options) {
            const local = await bridge.get();
            return (local ?? http).getSlos(options);
          },
          async getMetricsByEntity(options) {
            const local = await bridge.get();
            return (local ?? http).getMetricsByEntity(options);
          },
          async getSlosByEntity(options) {
            const local = await bridge.get();
            return (local ?? http).getSlosByEntity(options);
          },
        };
      },
    }),
});
