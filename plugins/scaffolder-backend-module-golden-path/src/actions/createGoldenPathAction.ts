import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import { stringify } from 'yaml';
import { examples } from './createGoldenPathAction.examples';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Options of {@link createGoldenPathAction}.
 *
 * @public
 */
export interface CreateGoldenPathActionOptions {
  /** Version written into `paved-road.dev/golden-path`. */
  goldenPathVersion?: string;
}

/**
 * The `golden-path:create` scaffolder action. This first version writes the
 * service's catalog-info.yaml with the annotations the rest of the suite reads.
 *
 * @public
 */
export function createGoldenPathAction(
  options: CreateGoldenPathActionOptions = {},
) {
  const version = options.goldenPathVersion ?? '1.0.0';
  return createTemplateAction({
    id: 'golden-path:create',
    description:
      'Writes the golden-path files of a new service: catalog-info.yaml with every annotation Paved Road reads.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('Name of the service, a lowercase DNS label'),
        owner: z => z.string().describe('Entity ref of the owning group'),
        description: z =>
          z.string().optional().describe('One line describing the service'),
        archetype: z =>
          z.string().default('node-service').describe('Golden-path archetype id'),
        repoSlug: z =>
          z.string().optional().describe("Repository as 'owner/name' on GitHub"),
        targetPath: z =>
          z.string().default('.').describe('Folder of the workspace to write into'),
      },
      output: {
        entityRef: z => z.string().describe('Entity ref of the new component'),
        catalogInfoPath: z =>
          z.string().describe('Path of catalog-info.yaml in the workspace'),
      },
    },
    async handler(ctx) {
      const { name, owner, description, repoSlug } = ctx.input;
      const archetype = ctx.input.archetype ?? 'node-service';
      const targetPath = ctx.input.targetPath ?? '.';
      if (!DNS_LABEL.test(name) || name.length > 63) {
        throw new InputError(
          `Invalid 'name' '${name}': expected a lowercase DNS label (a-z, 0-9, '-', at most 63 characters)`,
        );
      }
      const dir = resolveSafeChildPath(ctx.workspacePath, targetPath);
      const annotations: Record<string, string> = {
        'paved-road.dev/golden-path': `${archetype}@${version}`,
        'backstage.io/techdocs-ref': 'dir:.',
      };
      if (repoSlug) {
        annotations['github.com/project-slug'] = repoSlug;
      }
      const entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name, description, annotations },
        spec: { type: 'service', lifecycle: 'experimental', owner },
      };
      const catalogInfoPath = resolveSafeChildPath(dir, 'catalog-info.yaml');
      // Dry runs get a throwaway workspace: writing there is the preview.
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(catalogInfoPath, stringify(entity));
      ctx.output('entityRef', `component:default/${name}`);
      ctx.output(
        'catalogInfoPath',
        resolveSafeChildPath(targetPath, 'catalog-info.yaml'),
      );
    },
  });
}
