import { DoraChange } from '@paved-road/plugin-dora-common';
import { GithubClient } from './GithubClient';
import { toChanges } from './mapping';

/**
 * The changes a deployment of `head` shipped after the deployment of
 * `base`: the commits of the comparison, every page of it. With no base
 * (a first deployment) or a base GitHub no longer knows, the head commit.
 */
export async function resolveChanges(options: {
  client: GithubClient;
  repo: string;
  base: string | undefined;
  head: string;
  perPage: number;
  signal?: AbortSignal;
}): Promise<DoraChange[]> {
  const { client, repo, base, head, perPage, signal } = options;
  if (base === head) return [];
  if (base) {
    const commits = await client.compareCommits(
      repo,
      base,
      head,
      { perPage },
      { signal },
    );
    if (commits) return toChanges(commits);
  }
  return toChanges([await client.getCommit(repo, head, { signal })]);
}
