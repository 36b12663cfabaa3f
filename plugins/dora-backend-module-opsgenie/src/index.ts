/**
 * Opsgenie incidents for the Paved Road DORA backend.
 *
 * @packageDocumentation
 */

export { doraModuleOpsgenie as default } from './module';
export * from './config';
export * from './OpsgenieDoraProvider';
export type {
  OpsgenieIncident,
  OpsgenieService,
  OpsgenieTimelineEntry,
} from './OpsgenieClient';
