import { InputError } from '@backstage/errors';
import path from 'node:path';
import { FileChange } from './planUpgrade';
import {
  Checkpoint,
  planGoldenPathUpgrade,
  readUpgradeTarget,
} from './planGoldenPathUpgrade';
import { pullRequestBody } from './pullRequestBody';
import { ArchetypeRegistry } from '../archetypes/ArchetypeRegistry';
import { SkeletonReader } from '../archetypes/SkeletonReader';
import { CommitFile, ScmRepository } from './ScmRepository';
import type { UpgradeRepositoryResult } from './GoldenPathUpgrader';

/** What one upgrade of one repository needs, besides the repository. */
export interface RunUpgradeOptions {
  archetypes: ArchetypeRegistry;
  skeletons: SkeletonReader;
  backstageBaseUrl: string;
  repository: ScmRepository;
  version?: string;
  targetPath?: string;
  targetBranch?: string;
  branchName?: string;
  dryRun?: boolean;
  checkpoint: Checkpoint;
}

/** A result with the planned changes, for a dry run's preview. */
export type RunUpgradeResult = UpgradeRepositoryResult & {
  changes: FileChange[];
};

/** Joins a golden-path path onto `targetPath`, refusing to leave the repository. */
export function repositoryPaths(targetPath: string) {
  if (
    path.posix.isAbsolute(targetPath) ||
    path.posix.normalize(targetPath).startsWith('..')
  ) {
    throw new InputError(
      `Invalid 'targetPath' '${targetPath}': must stay inside the repository`,
    );
  }
  return (p: string) => path.posix.normalize(path.posix.join(targetPath, p));
}

/**
 * The files still to commit on an existing branch: a crashed run may have
 * committed all, some or none of them.
 */
async function remainingOnBranch(
  repository: ScmRepository,
  branch: string,
  changes: FileChange[],
): Promise<CommitFile[]> {
  const current = await Promise.all(
    changes.map(c => repository.readFile(c.path, branch)),
  );
  return changes.flatMap((c, i) => {
    const now = current[i];
    if (c.content === null) {
      return now === undefined ? [] : [{ ...c, exists: true }];
    }
    return now === c.content ? [] : [{ ...c, exists: now !== undefined }];
  });
}

/**
 * The open or merged change request from `branch`, as a result; throws for
 * one closed without merging (the team declined: do not propose it again).
 */
async function existingChangeRequest(
  repository: ScmRepository,
  branch: string,
  base: string,
): Promise<
  | {
      state: 'already-open' | 'merged';
      changeRequest: { number: number; url: string };
    }
  | undefined
> {
  const existing = await repository.findChangeRequest({ branch, base });
  if (!existing) return undefined;
  if (existing.state === 'closed') {
    throw new Error(
      `The ${repository.changeRequestName} ${existing.url} from '${branch}' was closed without merging; reopen it, or pass another 'branchName' to propose the upgrade again`,
    );
  }
  return {
    state: existing.state === 'open' ? 'already-open' : 'merged',
    changeRequest: { number: existing.number, url: existing.url },
  };
}

/**
 * Commits the upgrade on a new branch from `base`, or completes the branch a
 * crashed run left: only the files that still differ are committed.
 */
async function commitUpgrade(options: {
  repository: ScmRepository;
  branch: string;
  base: string;
  message: string;
  /** `exists`: whether `base` has the file. */
  changes: CommitFile[];
}): Promise<void> {
  const { repository, branch, message, changes } = options;
  if (!(await repository.branchExists(branch))) {
    await repository.commit({
      branch,
      startBranch: options.base,
      message,
      files: changes,
    });
    return;
  }
  const files = await remainingOnBranch(repository, branch, changes);
  if (files.length > 0) await repository.commit({ branch, message, files });
}

/**
 * Upgrades one repository, idempotently: the branch name is deterministic,
 * an existing open or merged change request for it is returned as is, and a
 * branch left by a crashed run is completed rather than duplicated. Throws
 * on any failure.
 */
export async function runUpgrade(
  options: RunUpgradeOptions,
): Promise<RunUpgradeResult> {
  const { repository, checkpoint } = options;
  const inRepo = repositoryPaths(options.targetPath ?? '.');
  const base =
    options.targetBranch ??
    (await checkpoint({
      key: 'golden-path.upgrade.base',
      fn: () => repository.defaultBranch(),
    }));
  const readRepoFile = (p: string) => repository.readFile(inRepo(p), base);
  const target = await readUpgradeTarget({
    archetypes: options.archetypes,
    checkpoint,
    readRepoFile,
    where: `${repository.fullName}@${base}`,
    version: options.version,
  });
  const { answers, to } = target;
  const branch =
    options.branchName ?? `golden-path/${answers.archetype}-${to.version}`;
  const result = {
    repository: repository.fullName,
    fromVersion: answers.version,
    toVersion: to.version,
    branch,
  };
  if (!options.dryRun) {
    const existing = await existingChangeRequest(repository, branch, base);
    if (existing) {
      return { ...result, ...existing, files: [], conflicts: [], changes: [] };
    }
  }

  const { plan, ours } = await planGoldenPathUpgrade({
    target,
    skeletons: options.skeletons,
    backstageBaseUrl: options.backstageBaseUrl,
    checkpoint,
    readRepoFile,
  });
  const changes = plan.changes.map(c => ({ ...c, path: inRepo(c.path) }));
  const summary = {
    ...result,
    files: changes.map(c => c.path),
    conflicts: plan.conflicts.map(inRepo),
    changes,
  };
  if (changes.length === 0) return { ...summary, state: 'up-to-date' };
  const state = summary.conflicts.length > 0 ? 'conflicts' : 'opened';
  if (options.dryRun) return { ...summary, state, dryRun: true };

  const title = `Upgrade golden path ${answers.archetype} to ${to.version}`;
  await checkpoint({
    key: `golden-path.upgrade.commit.${branch}`,
    fn: async () => {
      await commitUpgrade({
        repository,
        branch,
        base,
        message: title,
        changes: changes.map((c, i) => ({
          ...c,
          exists: typeof ours[plan.changes[i].path] === 'string',
        })),
      });
      return true;
    },
  });
  const opened = await checkpoint<{ number: number; url: string }>({
    key: `golden-path.upgrade.pr.${branch}`,
    fn: async () => {
      const { number, url } = await repository.openChangeRequest({
        base,
        branch,
        title,
        body: pullRequestBody({
          archetype: answers.archetype,
          fromVersion: answers.version,
          toVersion: to.version,
          plan,
        }),
      });
      return { number, url };
    },
  });
  return {
    ...summary,
    state,
    changeRequest: { number: opened.number, url: opened.url },
  };
}
