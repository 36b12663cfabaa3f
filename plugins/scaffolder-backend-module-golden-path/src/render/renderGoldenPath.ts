import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { createTemplateRenderer } from 'nunjitsu';
import { stringify } from 'yaml';
import { GoldenPathAnswers, RenderedFile } from '../types';
import { applyCatalogInfo, validateCatalogInfo } from './catalogInfo';
import { validateOpenSlo } from './openSloSchema';

/** Where the recorded answers live in a scaffolded repository. */
export const ANSWERS_PATH = '.paved-road/answers.yaml';

/**
 * Options of {@link renderGoldenPath}.
 *
 * @public
 */
export interface RenderGoldenPathOptions {
  /** The skeleton's files, unrendered. */
  templates: RenderedFile[];
  /** The archetype, version and inputs to render with. */
  answers: GoldenPathAnswers;
  /** Base URL of the Backstage backend that CI reports deployments to. */
  backstageBaseUrl: string;
}

// Same engine and default settings as the scaffolder's fetch:template.
const renderer = createTemplateRenderer({ allowRegexExecution: true });

function templateValues(options: RenderGoldenPathOptions) {
  const { answers, backstageBaseUrl } = options;
  const { inputs } = answers;
  const owner = parseEntityRef(inputs.owner, { defaultKind: 'group' });
  const org = inputs.repoSlug?.split('/')[0];
  const sloBase = inputs.name.slice(0, 36).replace(/-+$/, '');
  return {
    ...inputs,
    description: inputs.description ?? '',
    system: inputs.system ?? '',
    repoSlug: inputs.repoSlug ?? '',
    pagerdutyServiceId: inputs.pagerdutyServiceId ?? '',
    entityRef: `component:default/${inputs.name}`,
    ownerName: owner.name,
    codeOwner: org ? `@${org}/${owner.name}` : `@${owner.name}`,
    sloName: `${sloBase}-availability`,
    sloTarget: Math.round(inputs.slo * 1000) / 100000,
    backstageBaseUrl: backstageBaseUrl.replace(/\/+$/, ''),
    // Conditional file names: an empty segment drops the file.
    githubDir: inputs.ciProvider === 'github-actions' ? '.github' : '',
    gitlabCiFile: inputs.ciProvider === 'gitlab-ci' ? '.gitlab-ci.yml' : '',
    archetype: answers.archetype,
    goldenPathVersion: answers.version,
  };
}

// The fetch:template convention: a path rendered empty, absolute or with an
// empty segment is skipped, so a file can be made conditional by its name.
function isSkipped(path: string): boolean {
  return path === '' || path.startsWith('/') || path.includes('//');
}

/**
 * Renders a skeleton for the given answers with the scaffolder's templating
 * (`${{ values.x }}`), enforces the catalog annotations, adds the answers file
 * and validates catalog-info.yaml and slo.yaml. Pure: no I/O.
 *
 * @public
 */
export async function renderGoldenPath(
  options: RenderGoldenPathOptions,
): Promise<RenderedFile[]> {
  const { answers } = options;
  const context = renderer.prepareContext({ values: templateValues(options) });
  const files: RenderedFile[] = [];
  for (const template of options.templates) {
    const path = renderer.render(template.path, context);
    if (isSkipped(path)) continue;
    let content = renderer.render(template.content, context);
    if (path === 'catalog-info.yaml') {
      content = applyCatalogInfo(content, answers);
      await validateCatalogInfo(content);
    } else if (path === 'slo.yaml') {
      validateOpenSlo(content);
    }
    files.push({ path, content });
  }
  if (!files.some(f => f.path === 'catalog-info.yaml')) {
    throw new InputError(
      `Archetype '${answers.archetype}@${answers.version}' has no catalog-info.yaml`,
    );
  }
  files.push({ path: ANSWERS_PATH, content: stringifyAnswers(answers) });
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** Serializes the answers file. */
export function stringifyAnswers(answers: GoldenPathAnswers): string {
  return `# Written by golden-path:create, read by golden-path:upgrade.\n${stringify(
    answers,
  )}`;
}
