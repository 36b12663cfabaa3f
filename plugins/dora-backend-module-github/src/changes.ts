import { DoraChange } from '@paved-road/plugin-dora-common';
import { isRevertMessage } from '@paved-road/plugin-dora-node';
import { GithubClient } from './GithubClient';
import { toChanges } from './mapping';
import { GithubCommit } from './types';

/** What a deployment shipped, from its commits. */
export interface ResolvedChanges {
  changes: DoraChange[];
  /** True when one of the commits is a revert (see `isRevertMessage`). */
  rework: boolean;
}

function resolved(commits: GithubCommit[]): ResolvedChanges {
  return {
    changes: toChanges(commits),
    rework: commits.some(c => isRevertMessage(c.commit?.message)),
  };
}

/**
 * The changes a deployment of `head` shipped after the deployment of
 * `base`: the commits of the comparison, every page of it. With no base
 * (a first deployment) or a base GitHub no longer knows, the head commit.
 * The deployment is rework when one of those commits is a revert.
 */
export async function resolveChanges(options: {
  client: GithubClient;
  repo: string;
  base: string | undefined;
  head: string;
  perPage: number;
  signal?: AbortSignal;
}): Promise<ResolvedChanges> {
  const { client, repo, base, head, perPage, signal } = options;
  if (base === head) return { changes: [], rework: false };
  if (base) {
    const commits = await client.compareCommits(
      repo,
      base,
      head,
      { perPage },
      { signal },
    );
    if (commits) return resolved(commits);
  }
  return resolved([await client.getCommit(repo, head, { signal })]);
}
