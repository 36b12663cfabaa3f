import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  GithubCredentialsProvider,
  GitlabCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ArchetypeRegistry } from '../archetypes/ArchetypeRegistry';
import { SkeletonReader } from '../archetypes/SkeletonReader';
import { assertInitiatorOwnsRepository } from '../upgrade/assertInitiatorOwnsRepository';
import { locateRepository } from '../upgrade/connectRepository';
import { UpgradeRunner } from '../upgrade/GoldenPathUpgrader';
import { RateLimitOptions } from '../upgrade/retryingFetch';
import { repositoryPaths } from '../upgrade/runUpgrade';
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
  /** SCM integrations; the repository's host must be a GitHub or GitLab integration. */
  integrations: ScmIntegrationRegistry;
  /** GitHub credentials; defaults to those of the integrations. */
  githubCredentialsProvider?: GithubCredentialsProvider;
  /** GitLab credentials; defaults to those of the integrations. */
  gitlabCredentialsProvider?: GitlabCredentialsProvider;
  /** Retries of rate-limited requests. */
  rateLimit?: RateLimitOptions;
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
 * files of a GitHub or GitLab repository at a newer archetype version, merges
 * them three-way with the team's changes and opens a pull request (GitHub) or
 * merge request (GitLab), never a duplicate when run again. It acts with
 * the user's own token (`token`, e.g. from a RepoUrlPicker with
 * `requestUserCredentials`); without one it uses the integration's
 * credentials only when the initiator owns the repository's catalog entity.
 *
 * @public
 */
export function createUpgradeGoldenPathAction(
  options: UpgradeGoldenPathActionOptions,
) {
  const { integrations } = options;
  const runner = UpgradeRunner.create(options);
  return createTemplateAction({
    id: 'golden-path:upgrade',
    description:
      'Re-renders the golden-path files of an existing GitHub or GitLab repository at a newer archetype version and opens a pull or merge request (once: a re-run returns the open one); files the team changed are merged three-way or marked as conflicts.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z
            .string()
            .describe(
              "Repository in the scaffolder's format, e.g. 'github.com?owner=acme&repo=payments' or 'gitlab.com?owner=acme/team&repo=payments'",
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
              "Branch of the pull or merge request; defaults to 'golden-path/<archetype>-<version>'",
            ),
        token: z =>
          z
            .string()
            .optional()
            .describe(
              "The user's own GitHub or GitLab token, e.g. '${{ secrets.USER_OAUTH_TOKEN }}' from a RepoUrlPicker with requestUserCredentials. Without it the integration's credentials are used, and only when the initiator owns the catalog entity annotated with the repository",
            ),
      },
      output: {
        remoteUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'URL of the pull or merge request, when one was opened or found',
            ),
        pullRequestNumber: z =>
          z
            .number()
            .optional()
            .describe(
              'Number of the pull request or IID of the merge request, when one was opened or found',
            ),
        state: z =>
          z
            .enum([
              'opened',
              'already-open',
              'merged',
              'up-to-date',
              'conflicts',
              'failed',
            ])
            .describe(
              "'opened', 'already-open' (nothing created), 'merged', 'up-to-date', or 'conflicts' (opened with conflict markers)",
            ),
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
      // Validates 'repoUrl' and 'targetPath' before anything is read.
      const location = locateRepository(ctx.input.repoUrl, integrations);
      repositoryPaths(ctx.input.targetPath ?? '.');
      if (!ctx.input.token) {
        // Before any read: a dry run must not preview someone else's files.
        await assertInitiatorOwnsRepository({
          ctx,
          catalog: options.catalog,
          location,
        });
      }
      const result = await runner.run(
        {
          repoUrl: ctx.input.repoUrl,
          token: ctx.input.token,
          version: ctx.input.version,
          targetPath: ctx.input.targetPath,
          targetBranch: ctx.input.targetBranch,
          branchName: ctx.input.branchName,
          dryRun: ctx.isDryRun,
        },
        opts => ctx.checkpoint(opts),
      );
      ctx.output('state', result.state);
      ctx.output('fromVersion', result.fromVersion!);
      ctx.output('toVersion', result.toVersion!);
      ctx.output('files', result.files);
      ctx.output('conflicts', result.conflicts);
      if (result.state === 'up-to-date') {
        ctx.logger.info(
          `${result.repository} is already at ${result.toVersion}`,
        );
        return;
      }
      if (ctx.isDryRun) {
        // Preview in the throwaway workspace; nothing leaves the backend.
        const preview = result.changes.filter(c => c.content !== null) as {
          path: string;
          content: string;
        }[];
        await writeFiles(resolveSafeChildPath(ctx.workspacePath, '.'), preview);
        return;
      }
      if (result.changeRequest) {
        ctx.logger.info(
          `${result.repository}: ${result.state} ${result.changeRequest.url}`,
        );
        ctx.output('remoteUrl', result.changeRequest.url);
        ctx.output('pullRequestNumber', result.changeRequest.number);
      }
    },
  });
}
