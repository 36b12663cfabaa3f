/**
 * The Paved Road DORA frontend plugin (legacy frontend system).
 * The new frontend system is exported from `/alpha`.
 *
 * @packageDocumentation
 */

export { doraPlugin, EntityDoraCard, EntitySloCard, DoraPage } from './plugin';
export { doraApiRef, DoraClient } from './api';
export type {
  DoraApi,
  DoraClientOptions,
  DoraDeploymentsQuery,
  DoraEntityMetrics,
  DoraMetricsByEntityQuery,
  DoraMetricsQuery,
  DoraScope,
  DoraTrendBucket,
  DoraTrendQuery,
} from './api';
export type { EntityDoraCardProps } from './components/EntityDoraCard';
export type { EntitySloCardProps } from './components/EntitySloCard';
