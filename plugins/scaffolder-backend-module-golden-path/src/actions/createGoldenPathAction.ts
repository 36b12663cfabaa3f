import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import path from 'node:path';
import { ArchetypeRegistry } from '../archetypes/ArchetypeRegistry';
import { SkeletonReader } from '../archetypes/SkeletonReader';
import { renderGoldenPath } from '../render/renderGoldenPath';
import { assertOwnerExists } from './assertOwnerExists';
import { examples } from './createGoldenPathAction.examples';
import { normalizeInputs } from './goldenPathInputs';
import { recordCreation } from './recordCreation';
import { findExistingFiles, writeFiles } from './workspaceFiles';

/**
 * Options of {@link createGoldenPathAction}.
 *
 * @public
 */
export interface CreateGoldenPathActionOptions {
  /** The archetypes that can be scaffolded. */
  archetypes: ArchetypeRegistry;
  /** Reads archetype skeletons. */
  skeletons: SkeletonReader;
  /** Looks owners up with the initiator's credentials. */
  catalog: CatalogService;
  /** Base URL of the Backstage backend the generated CI reports to. */
  backstageBaseUrl: string;
}

/**
 * The `golden-path:create` scaffolder action: renders an archetype into the
 * workspace (catalog-info.yaml, CI reporting deployments, CODEOWNERS,
 * slo.yaml, TechDocs, README and the recorded answers).
 *
 * @public
 */
export function createGoldenPathAction(options: CreateGoldenPathActionOptions) {
  const { archetypes, skeletons, catalog, backstageBaseUrl } = options;
  return createTemplateAction({
    id: 'golden-path:create',
    description:
      'Writes the golden-path files of a new service: catalog-info.yaml with every annotation Paved Road reads (and when and by which task it was scaffolded), CI that builds, tests, deploys and reports deployments, CODEOWNERS, an OpenSLO slo.yaml, TechDocs and README.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Name of the service: a lowercase DNS label of at most 63 characters',
            ),
        owner: z =>
          z
            .string()
            .describe(
              "Owner's entity ref, e.g. 'group:default/team-a'; must exist in the catalog",
            ),
        description: z =>
          z.string().optional().describe('One line describing the service'),
        system: z =>
          z
            .string()
            .optional()
            .describe('Entity ref of the system the service belongs to'),
        lifecycle: z =>
          z
            .string()
            .default('experimental')
            .describe('Catalog lifecycle, e.g. experimental or production'),
        archetype: z =>
          z
            .string()
            .default('node-service')
            .describe(
              'Golden-path archetype id, e.g. node-service or python-service',
            ),
        repoSlug: z =>
          z
            .string()
            .optional()
            .describe(
              "Repository as 'owner/name' (GitHub) or 'group/project' (GitLab)",
            ),
        ciProvider: z =>
          z
            .enum(['github-actions', 'gitlab-ci'])
            .default('github-actions')
            .describe('CI system the pipeline is written for'),
        slo: z =>
          z
            .number()
            .default(99.9)
            .describe('Availability objective in percent, e.g. 99.9'),
        pagerdutyServiceId: z =>
          z
            .string()
            .optional()
            .describe(
              'PagerDuty service id, written as pagerduty.com/service-id',
            ),
        targetPath: z =>
          z
            .string()
            .default('.')
            .describe('Folder of the workspace to write into'),
        overwrite: z =>
          z
            .boolean()
            .default(false)
            .describe('Replace files that already exist in the target folder'),
      },
      output: {
        entityRef: z => z.string().describe('Entity ref of the new component'),
        goldenPathVersion: z =>
          z
            .string()
            .describe('Archetype version the service was scaffolded at'),
        files: z =>
          z
            .array(z.string())
            .describe('Paths written, relative to the workspace'),
        catalogInfoPath: z =>
          z
            .string()
            .describe('Path of catalog-info.yaml relative to the workspace'),
      },
    },
    async handler(ctx) {
      const inputs = normalizeInputs(ctx.input);
      const targetPath = ctx.input.targetPath ?? '.';
      const dir = resolveSafeChildPath(ctx.workspacePath, targetPath);
      const archetype = archetypes.get(ctx.input.archetype ?? 'node-service');
      const { skeleton, version } = archetypes.getVersion(
        archetype.id,
        archetype.version,
      );

      await assertOwnerExists(ctx, catalog, inputs.owner);

      const templates = await ctx.checkpoint({
        key: `golden-path.skeleton.${archetype.id}@${version}`,
        fn: () => skeletons.read(skeleton),
      });
      const rendered = await renderGoldenPath({
        templates,
        answers: {
          archetype: archetype.id,
          version,
          inputs,
          ...(ctx.templateInfo?.entityRef
            ? { scaffoldedFrom: ctx.templateInfo.entityRef }
            : {}),
        },
        backstageBaseUrl,
      });
      // Time to first deploy starts here. Checkpointed so that a retried
      // task records the first attempt's time.
      const scaffoldedAt = await ctx.checkpoint({
        key: 'golden-path.scaffolded-at',
        fn: () => new Date(Date.now()).toISOString(),
      });
      const files = recordCreation(rendered, {
        scaffoldedAt,
        taskId: ctx.task?.id,
      });

      const existing = await findExistingFiles(dir, files);
      if (existing.length > 0 && !ctx.input.overwrite) {
        throw new InputError(
          `Refusing to overwrite existing files in 'targetPath' '${targetPath}': ${existing.join(
            ', ',
          )}; set 'overwrite: true' to replace them`,
        );
      }
      // A dry run gets a throwaway workspace: writing there is the preview.
      await writeFiles(dir, files);
      ctx.logger.info(
        `Wrote ${files.length} golden-path files of ${archetype.id}@${version}`,
      );

      const relative = (p: string) => path.posix.join(targetPath, p);
      ctx.output('entityRef', `component:default/${inputs.name}`);
      ctx.output('goldenPathVersion', version);
      ctx.output(
        'files',
        files.map(f => relative(f.path)),
      );
      ctx.output('catalogInfoPath', relative('catalog-info.yaml'));
    },
  });
}
