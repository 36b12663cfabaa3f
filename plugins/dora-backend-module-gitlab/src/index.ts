/**
 * GitLab deployments, merge requests and Deployment Hooks for the Paved
 * Road DORA backend.
 *
 * @packageDocumentation
 */

export { doraModuleGitlab as default } from './module';
export * from './config';
export { EnvironmentFilter } from './EnvironmentFilter';
export * from './GitlabDoraProvider';
export {
  GITLAB_PROJECT_ID_ANNOTATION,
  GITLAB_PROJECT_SLUG_ANNOTATION,
} from './GitlabProjectIndex';
export { GITLAB_SOURCE } from './mapping';
