/**
 * Example-only demo data for the Paved Road DORA backend.
 *
 * @packageDocumentation
 */

export { doraModuleDemo as default } from './module';
export * from './config';
export * from './DemoDoraProvider';
export { DEMO_SOURCE, generateDemoDay } from './generateDemoDay';
export type { DemoDay } from './generateDemoDay';
