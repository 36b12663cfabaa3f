/**
 * Paved Road golden-path actions for the Backstage scaffolder.
 *
 * @packageDocumentation
 */

export { scaffolderModuleGoldenPath as default } from './module';
export { createGoldenPathAction } from './actions/createGoldenPathAction';
export type { CreateGoldenPathActionOptions } from './actions/createGoldenPathAction';
