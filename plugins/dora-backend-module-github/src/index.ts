/**
 * Paved Road DORA backend module: deployments, workflow runs and webhooks
 * from GitHub.
 *
 * @packageDocumentation
 */

export { doraModuleGithub as default } from './module';
export * from './config';
export * from './GithubDoraProvider';
export { GITHUB_SOURCE } from './GITHUB_SOURCE';
export { verifyGithubSignature } from './verifyGithubSignature';
