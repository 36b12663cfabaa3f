import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  DoraDeploymentsPage,
  DoraEventsResponse,
  DoraMetrics,
} from '@paved-road/plugin-dora-common';

/** Whose metrics: one entity, or an owner and its descendant groups. @internal */
export interface DoraSubject {
  entityRef?: string;
  owner?: string;
}

/** A window and environment selection as given by a caller. @internal */
export interface DoraWindowOptions {
  from?: Date;
  to?: Date;
  /** Exact environment names; default: the production matchers. */
  environments?: string[];
}

/**
 * What the DORA backend's REST API does: ingestion, metrics and evidence.
 * Not `DoraService` (`@paved-road/plugin-dora-node`'s in-process API for
 * other plugins) nor `DoraApi` (the frontend's client).
 *
 * @internal
 */
export interface DoraBackendService {
  ingest(
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<DoraEventsResponse>;
  getMetrics(
    options: DoraSubject &
      DoraWindowOptions & { credentials: BackstageCredentials },
  ): Promise<DoraMetrics>;
  listDeployments(
    options: DoraSubject &
      DoraWindowOptions & {
        credentials: BackstageCredentials;
        cursor?: string;
        limit?: number;
      },
  ): Promise<DoraDeploymentsPage>;
}

/** One bucket of `GET /metrics/trend`: its window and the `/metrics` figures. @internal */
export type DoraTrendBucket = { from: string; to: string } & DoraMetrics;

/** One item of `GET /metrics/by-entity`: an entity and its `/metrics` figures. @internal */
export type DoraEntityMetrics = { entityRef: string } & DoraMetrics;

/** The most items of `GET /metrics/by-entity`: an owner's visible entities. @internal */
export const MAX_BY_ENTITY_ITEMS = 2000;
