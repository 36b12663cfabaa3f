import { createApiRef } from '@backstage/core-plugin-api';
import {
  DoraDeploymentsPage,
  DoraEntitySlos,
  DoraHealth,
  DoraIncidentsPage,
  DoraMetrics,
  DoraSloHistory,
  DoraSlosByEntity,
} from '@paved-road/plugin-dora-common';

/**
 * Whose figures to read: one entity, or a group with its child groups.
 *
 * @public
 */
export type DoraScope = { entityRef: string } | { owner: string };

/**
 * Query of {@link DoraApi.getMetrics}: a scope and a window `[from, to)`;
 * the backend defaults to the last 30 days.
 *
 * @public
 */
export type DoraMetricsQuery = DoraScope & { from?: Date; to?: Date };

/**
 * Query of {@link DoraApi.getDeployments}, newest first, paged by `cursor`.
 *
 * @public
 */
export type DoraDeploymentsQuery = DoraMetricsQuery & {
  cursor?: string;
  limit?: number;
};

/**
 * Query of {@link DoraApi.getTrend}: `count` weekly buckets (default 12),
 * oldest first, the last ending at `to` (default now).
 *
 * @public
 */
export type DoraTrendQuery = DoraScope & { to?: Date; count?: number };

/**
 * One bucket of {@link DoraApi.getTrend}: its window and the figures
 * `getMetrics` gives for it.
 *
 * @public
 */
export type DoraTrendBucket = DoraMetrics & { from: string; to: string };

/**
 * Query of {@link DoraApi.getMetricsByEntity}: a group (with its child
 * groups) and a window `[from, to)`, by default the last 30 days.
 *
 * @public
 */
export type DoraMetricsByEntityQuery = {
  owner: string;
  from?: Date;
  to?: Date;
};

/**
 * One item of {@link DoraApi.getMetricsByEntity}: an entity and its figures.
 *
 * @public
 */
export type DoraEntityMetrics = DoraMetrics & { entityRef: string };

/**
 * Client for the DORA/SLO backend.
 *
 * @public
 */
export interface DoraApi {
  /** `GET /health`: whether the backend answers, and its installed provider ids. */
  getHealth(): Promise<DoraHealth & { providers: string[] }>;
  /** `GET /metrics`: the four keys, rework rate and tiers of a scope. */
  getMetrics(query: DoraMetricsQuery): Promise<DoraMetrics>;
  /** `GET /metrics/trend`: weekly buckets of a scope in one request. */
  getTrend(query: DoraTrendQuery): Promise<{ buckets: DoraTrendBucket[] }>;
  /** `GET /metrics/by-entity`: each visible entity of an owner in one request. */
  getMetricsByEntity(
    query: DoraMetricsByEntityQuery,
  ): Promise<{ items: DoraEntityMetrics[] }>;
  /** `GET /deployments`: deployments with changes and linked incidents. */
  getDeployments(query: DoraDeploymentsQuery): Promise<DoraDeploymentsPage>;
  /** `GET /incidents`: incidents with their link rule or unlinked reason. */
  getIncidents(query: DoraDeploymentsQuery): Promise<DoraIncidentsPage>;
  /** `GET /slos`: the computed state of an entity's SLOs. */
  getSlos(query: { entityRef: string }): Promise<DoraEntitySlos>;
  /**
   * `GET /slos/history`: each SLO's daily attainment and budget, oldest
   * first, over the last `days` UTC days (default 90, at most 400).
   */
  getSloHistory(query: {
    entityRef: string;
    days?: number;
  }): Promise<DoraSloHistory>;
  /**
   * `GET /slos/by-entity`: the SLOs of a group's entities (with its child
   * groups) or of up to 500 entity refs in one request, with a summary.
   */
  getSlosByEntity(
    query: { owner: string } | { entityRefs: string[] },
  ): Promise<DoraSlosByEntity>;
}

/**
 * ApiRef of {@link DoraApi}.
 *
 * @public
 */
export const doraApiRef = createApiRef<DoraApi>({ id: 'plugin.dora.api' });
