/**
 * Paved Road DORA backend module: deployments, workflow runs and webhooks
 * from GitHub.
 *
 * @packageDocumentation
 */

export { doraModuleGithub as default } from './module';
export * from './config';
export { createEnvironmentMatcher } from './environmentMatcher';
export { GithubApiError, GithubClient } from './GithubClient';
export type { GithubPage } from './GithubClient';
export * from './GithubDoraProvider';
export * from './mapping';
export * from './types';
export { verifyGithubSignature } from './verifyGithubSignature';
