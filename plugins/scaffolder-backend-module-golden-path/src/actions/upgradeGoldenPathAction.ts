import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { ArchetypeRegistry } from '../archetypes/ArchetypeRegistry';
import { SkeletonReader } from '../archetypes/SkeletonReader';
import { assertInitiatorOwnsRepository } from '../upgrade/assertInitiatorOwnsRepository';
import { connectGithub } from '../upgrade/connectGithub';
import { planGoldenPathUpgrade } from '../upgrade/planGoldenPathUpgrade';
import { pullRequestBody } from '../upgrade/pullRequestBody';
import { examples } from './upgradeGoldenPathAction.examples';
import { writeFiles } from './workspaceFiles';

/**
 * Options of {@link createUpgradeGoldenPathAction}.
 *
 * @public
 */
export interface UpgradeGoldenPathActionOptions {
  /** The archetypes and their versions. */
  archetypes: ArchetypeRegistry;
  /** Reads archetype skeletons. */
  skeletons: SkeletonReader;
  /** SCM integrations; the repository's host must be a GitHub integration. */
  integrations: ScmIntegrationRegistry;
  /** GitHub credentials; defaults to those of the integrations. */
  githubCredentialsProvider?: GithubCredentialsProvider;
  /**
   * Finds the entity of the repository and its owner, with the initiator's
   * credentials, when the action runs without the user's own token.
   */
  catalog: CatalogService;
  /** Base URL of the Backstage backend the generated CI reports to. */
  backstageBaseUrl: string;
}

/**
 * The `golden-path:upgrade` scaffolder action: re-renders the golden-path
 * files of a GitHub repository at a newer archetype version, merges them
 * three-way with the team's changes and opens a pull request. It acts with
 * the user's own GitHub token (`token`, e.g. from a RepoUrlPicker with
 * `requestUserCredentials`); without one it uses the integration's
 * credentials only when the initiator owns the repository's catalog entity.
 *
 * @public
 */
export function createUpgradeGoldenPathAction(
  options: UpgradeGoldenPathActionOptions,
) {
  const { integrations } = options;
  const credentials =
    options.githubCredentialsProvider ??
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  return createTemplateAction({
    id: 'golden-path:upgrade',
    description:
      'Re-renders the golden-path files of an existing GitHub repository at a newer archetype version and opens a pull request; files the team changed are merged three-way or marked as conflicts.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z
            .string()
            .describe(
              "Repository in the scaffolder's format, e.g. 'github.com?owner=acme&repo=payments'",
            ),
        version: z =>
          z
            .string()
            .optional()
            .describe(
              "Archetype version to upgrade to; defaults to the archetype's latest",
            ),
        targetPath: z =>
          z
            .string()
            .default('.')
            .describe('Folder of the repository holding the golden-path files'),
        targetBranch: z =>
          z
            .string()
            .optional()
            .describe(
              "Branch to upgrade; defaults to the repository's default branch",
            ),
        branchName: z =>
          z
            .string()
            .optional()
            .describe(
              "Branch of the pull request; defaults to 'golden-path/<archetype>-<version>'",
            ),
        token: z =>
          z
            .string()
            .optional()
            .describe(
              "The user's own GitHub token, e.g. '${{ secrets.USER_OAUTH_TOKEN }}' from a RepoUrlPicker with requestUserCredentials. Without it the GitHub integration's credentials are used, and only when the initiator owns the catalog entity annotated with the repository",
            ),
      },
      output: {
        remoteUrl: z =>
          z
            .string()
            .optional()
            .describe('URL of the pull request, when one was opened'),
        pullRequestNumber: z =>
          z
            .number()
            .optional()
            .describe('Number of the pull request, when one was opened'),
        fromVersion: z => z.string().describe('Version the repository was at'),
        toVersion: z =>
          z.string().describe('Version the pull request upgrades to'),
        files: z =>
          z
            .array(z.string())
            .describe(
              'Paths the pull request changes, relative to the repository',
            ),
        conflicts: z =>
          z
            .array(z.string())
            .describe('Paths left with conflict markers to resolve'),
      },
    },
    async handler(ctx) {
      const targetPath = ctx.input.targetPath ?? '.';
      const inRepo = (p: string) =>
        path.posix.normalize(path.posix.join(targetPath, p));
      if (inRepo('.').startsWith('..') || path.posix.isAbsolute(targetPath)) {
        throw new InputError(
          `Invalid 'targetPath' '${targetPath}': must stay inside the repository`,
        );
      }
      if (!ctx.input.token) {
        // Before any read: a dry run must not preview someone else's files.
        await assertInitiatorOwnsRepository({
          ctx,
          catalog: options.catalog,
          integrations,
          repoUrl: ctx.input.repoUrl,
        });
      }
      const github = await connectGithub({
        repoUrl: ctx.input.repoUrl,
        token: ctx.input.token,
        integrations,
        credentials,
      });
      const base =
        ctx.input.targetBranch ??
        (await ctx.checkpoint({
          key: 'golden-path.upgrade.base',
          fn: () => github.defaultBranch(),
        }));

      const upgrade = await planGoldenPathUpgrade({
        ...options,
        checkpoint: opts => ctx.checkpoint(opts),
        readRepoFile: p => github.readFile(inRepo(p), base),
        where: `${github.fullName}@${base}`,
        version: ctx.input.version,
      });
      const { plan, answers, toVersion } = upgrade;
      const changes = plan.changes.map(c => ({ ...c, path: inRepo(c.path) }));
      ctx.output('fromVersion', answers.version);
      ctx.output('toVersion', toVersion);
      ctx.output(
        'files',
        changes.map(c => c.path),
      );
      ctx.output('conflicts', plan.conflicts.map(inRepo));
      if (changes.length === 0) {
        ctx.logger.info(
          `${github.fullName} is already at ${answers.archetype}@${toVersion}`,
        );
        return;
      }
      if (ctx.isDryRun) {
        // Preview in the throwaway workspace; nothing leaves the backend.
        const preview = changes.filter(c => c.content !== null) as {
          path: string;
          content: string;
        }[];
        await writeFiles(resolveSafeChildPath(ctx.workspacePath, '.'), preview);
        return;
      }
      const branch =
        ctx.input.branchName ?? `golden-path/${answers.archetype}-${toVersion}`;
      const pull = await ctx.checkpoint({
        key: `golden-path.upgrade.pr.${branch}`,
        fn: () =>
          github.openPullRequest({
            base,
            branch,
            title: `Upgrade golden path ${answers.archetype} to ${toVersion}`,
            body: pullRequestBody({
              archetype: answers.archetype,
              fromVersion: answers.version,
              toVersion,
              plan,
            }),
            changes,
          }),
      });
      ctx.output('remoteUrl', pull.url);
      ctx.output('pullRequestNumber', pull.number);
    },
  });
}
