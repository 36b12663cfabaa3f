import { InputError } from '@backstage/errors';
import {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import { GithubRepository } from './GithubRepository';

/**
 * Resolves a scaffolder `repoUrl` to a GitHub repository client with the
 * input token or the integration's credentials. Tokens are never logged or
 * checkpointed.
 */
export async function connectGithub(options: {
  repoUrl: string;
  token?: string;
  integrations: ScmIntegrationRegistry;
  credentials: GithubCredentialsProvider;
}): Promise<GithubRepository> {
  const { repoUrl, integrations } = options;
  const { host, owner, repo } = parseRepoUrl(repoUrl, integrations);
  const integration = integrations.github.byHost(host);
  if (!owner || !integration) {
    throw new InputError(
      `Invalid 'repoUrl' '${repoUrl}': expected a GitHub repository with an integration configured for '${host}'`,
    );
  }
  const token =
    options.token ??
    (
      await options.credentials.getCredentials({
        url: `https://${host}/${owner}/${repo}`,
      })
    ).token;
  if (!token) {
    throw new InputError(
      `No GitHub credentials for '${host}/${owner}/${repo}'`,
    );
  }
  return GithubRepository.create({
    owner,
    repo,
    token,
    apiBaseUrl: integration.config.apiBaseUrl ?? 'https://api.github.com',
  });
}
