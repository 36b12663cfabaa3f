/**
 * Paved Road golden-path actions for the Backstage scaffolder.
 *
 * @packageDocumentation
 */

export { scaffolderModuleGoldenPath as default } from './module';
export { createGoldenPathAction } from './actions/createGoldenPathAction';
export type { CreateGoldenPathActionOptions } from './actions/createGoldenPathAction';
export { createUpgradeGoldenPathAction } from './actions/upgradeGoldenPathAction';
export type { UpgradeGoldenPathActionOptions } from './actions/upgradeGoldenPathAction';
export { ArchetypeRegistry } from './archetypes/ArchetypeRegistry';
export { SkeletonReader } from './archetypes/SkeletonReader';
export { renderGoldenPath } from './render/renderGoldenPath';
export type { RenderGoldenPathOptions } from './render/renderGoldenPath';
export { GoldenPathUpgrader } from './upgrade/GoldenPathUpgrader';
export type {
  GoldenPathUpgraderOptions,
  UpgradeRepositoryRequest,
  UpgradeRepositoryResult,
  UpgradeState,
} from './upgrade/GoldenPathUpgrader';
export type { RateLimitOptions } from './upgrade/retryingFetch';
export type * from './types';
