import { InputError } from '@backstage/errors';
import {
  GithubCredentialsProvider,
  GitlabCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import { GithubRepository } from './GithubRepository';
import { GitlabRepository } from './GitlabRepository';
import { ScmRepository } from './ScmRepository';

/** A repository named by a scaffolder `repoUrl`, on a configured integration. */
export interface RepositoryLocation {
  provider: 'github' | 'gitlab';
  host: string;
  /** `owner/repo` (GitHub) or `group/project` (GitLab), as in the project-slug annotations. */
  slug: string;
  /** The catalog annotation that names the repository. */
  slugAnnotation: string;
}

/**
 * Resolves a scaffolder `repoUrl` (`github.com?owner=acme&repo=payments`,
 * `gitlab.com?owner=acme/team&repo=payments`) on a GitHub or GitLab integration.
 */
export function locateRepository(
  repoUrl: string,
  integrations: ScmIntegrationRegistry,
): RepositoryLocation {
  const invalid = (why: string) =>
    new InputError(`Invalid 'repoUrl' '${repoUrl}': ${why}`);
  let parsed: ReturnType<typeof parseRepoUrl>;
  try {
    parsed = parseRepoUrl(repoUrl, integrations);
  } catch (e) {
    throw invalid((e as Error).message);
  }
  const { host, owner, repo } = parsed;
  const type = integrations.byHost(host)?.type;
  if (type !== 'github' && type !== 'gitlab') {
    throw invalid(
      `expected a GitHub or GitLab repository with an integration configured for '${host}'`,
    );
  }
  if (!owner || !repo) {
    throw invalid("expected both 'owner' and 'repo'");
  }
  return {
    provider: type,
    host,
    slug: `${owner}/${repo}`,
    slugAnnotation:
      type === 'github' ? 'github.com/project-slug' : 'gitlab.com/project-slug',
  };
}

/**
 * A client for the repository with the given token or the integration's
 * credentials. Tokens are never logged or checkpointed.
 */
export async function connectRepository(options: {
  location: RepositoryLocation;
  token?: string;
  integrations: ScmIntegrationRegistry;
  githubCredentials: GithubCredentialsProvider;
  gitlabCredentials: GitlabCredentialsProvider;
  fetch: typeof fetch;
}): Promise<ScmRepository> {
  const { location, integrations } = options;
  const url = `https://${location.host}/${location.slug}`;
  const missing = () =>
    new InputError(
      `No ${
        location.provider === 'github' ? 'GitHub' : 'GitLab'
      } credentials for '${location.host}/${
        location.slug
      }': pass 'token' or configure a token for the integration`,
    );
  if (location.provider === 'github') {
    const integration = integrations.github.byHost(location.host)!;
    const token =
      options.token ??
      (await options.githubCredentials.getCredentials({ url })).token;
    if (!token) throw missing();
    const [owner, repo] = location.slug.split('/');
    return GithubRepository.create({
      owner,
      repo,
      token,
      apiBaseUrl: integration.config.apiBaseUrl ?? 'https://api.github.com',
      fetch: options.fetch,
    });
  }
  const integration = integrations.gitlab.byHost(location.host)!;
  const token =
    options.token ??
    (await options.gitlabCredentials.getCredentials({ url })).token;
  if (!token) throw missing();
  return GitlabRepository.create({
    projectPath: location.slug,
    token,
    apiBaseUrl: integration.config.apiBaseUrl,
    fetch: options.fetch,
  });
}
