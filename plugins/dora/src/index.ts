/**
 * The Paved Road DORA frontend plugin (legacy frontend system).
 * The new frontend system is exported from `/alpha`.
 *
 * @packageDocumentation
 */

export { doraPlugin, EntityDoraCard, DoraPage } from './plugin';
export { doraApiRef, DoraClient } from './api';
export type { DoraApi, DoraClientOptions } from './api';
export type { EntityDoraCardProps } from './components/EntityDoraCard';
