/**
 * GitLab deployments, merge requests and Deployment Hooks for the Paved
 * Road DORA backend.
 *
 * @packageDocumentation
 */

export { doraModuleGitlab as default } from './module';
export * from './config';
export * from './GitlabDoraProvider';
export * from './constants';
