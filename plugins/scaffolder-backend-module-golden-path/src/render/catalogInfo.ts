import {
  Entity,
  FieldFormatEntityPolicy,
  SchemaValidEntityPolicy,
  componentEntityV1alpha1Validator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { parseDocument } from 'yaml';
import { GoldenPathAnswers } from '../types';

/** Annotations the rest of Paved Road reads, derived from the answers. */
export function goldenPathAnnotations(
  answers: GoldenPathAnswers,
): Record<string, string> {
  const { inputs } = answers;
  const annotations: Record<string, string> = {
    'backstage.io/techdocs-ref': 'dir:.',
    'paved-road.dev/openslo-ref': './slo.yaml',
    'paved-road.dev/golden-path': `${answers.archetype}@${answers.version}`,
  };
  if (inputs.repoSlug) {
    const key =
      inputs.ciProvider === 'gitlab-ci'
        ? 'gitlab.com/project-slug'
        : 'github.com/project-slug';
    annotations[key] = inputs.repoSlug;
  }
  if (inputs.pagerdutyServiceId) {
    annotations['pagerduty.com/service-id'] = inputs.pagerdutyServiceId;
  }
  return annotations;
}

/**
 * Sets the fields and annotations the suite relies on in a rendered
 * catalog-info.yaml, keeping the skeleton's layout and any extra fields.
 */
export function applyCatalogInfo(
  content: string,
  answers: GoldenPathAnswers,
): string {
  const doc = parseDocument(content);
  const { inputs } = answers;
  doc.setIn(['metadata', 'name'], inputs.name);
  if (inputs.description) {
    doc.setIn(['metadata', 'description'], inputs.description);
  } else {
    doc.deleteIn(['metadata', 'description']);
  }
  for (const [key, value] of Object.entries(goldenPathAnnotations(answers))) {
    doc.setIn(['metadata', 'annotations', key], value);
  }
  doc.setIn(['spec', 'owner'], inputs.owner);
  doc.setIn(['spec', 'lifecycle'], inputs.lifecycle);
  if (inputs.system) doc.setIn(['spec', 'system'], inputs.system);
  if (answers.scaffoldedFrom) {
    doc.setIn(['spec', 'scaffoldedFrom'], answers.scaffoldedFrom);
  }
  return doc.toString();
}

const fieldFormat = new FieldFormatEntityPolicy();
const schemaValid = new SchemaValidEntityPolicy();

/**
 * Validates a catalog-info.yaml with the catalog's own validators; returns the
 * entity or throws an InputError saying what is wrong.
 */
export async function validateCatalogInfo(content: string): Promise<Entity> {
  const entity = parseDocument(content).toJS() as Entity;
  try {
    await schemaValid.enforce(entity);
    await fieldFormat.enforce(entity);
    if (!(await componentEntityV1alpha1Validator.check(entity))) {
      throw new Error(`kind '${entity.kind}' is not a Component`);
    }
    stringifyEntityRef(parseEntityRef(String(entity.spec?.owner)));
  } catch (error) {
    throw new InputError(`Generated catalog-info.yaml is invalid: ${error}`);
  }
  return entity;
}
