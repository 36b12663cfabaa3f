/**
 * incident.io incidents for the Paved Road DORA backend.
 *
 * @packageDocumentation
 */

export { doraModuleIncidentIo as default } from './module';
export * from './config';
export * from './IncidentIoDoraProvider';
export * from './IncidentIoWebhook';
export * from './types';
