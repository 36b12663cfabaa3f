import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parse } from 'yaml';
import { createGoldenPathAction } from '../actions/createGoldenPathAction';
import { ArchetypeRegistry } from '../archetypes/ArchetypeRegistry';
import { SkeletonReader } from '../archetypes/SkeletonReader';
import { renderGoldenPath } from '../render/renderGoldenPath';
import { GoldenPathAnswers, RenderedFile } from '../types';

export const BACKSTAGE_URL = 'https://backstage.example.com';

export const teamA: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

export function testArchetypes(): ArchetypeRegistry {
  return ArchetypeRegistry.fromConfig(new ConfigReader({}));
}

export function testSkeletons(): SkeletonReader {
  return SkeletonReader.create({});
}

export function testCatalog() {
  return catalogServiceMock({ entities: [teamA] });
}

/** `golden-path:create` over the built-in archetypes, with team A in the catalog. */
export function testCreateAction() {
  return createGoldenPathAction({
    archetypes: testArchetypes(),
    skeletons: testSkeletons(),
    catalog: testCatalog(),
    backstageBaseUrl: BACKSTAGE_URL,
  });
}

/** The first step input of a YAML template example. */
export function exampleInput(example: { example: string }) {
  return parse(example.example).steps[0].input;
}

/** Renders a built-in archetype version, as the action would. */
export async function renderBuiltin(
  answers: GoldenPathAnswers,
): Promise<RenderedFile[]> {
  const archetypes = testArchetypes();
  const { skeleton } = archetypes.getVersion(
    answers.archetype,
    answers.version,
  );
  return renderGoldenPath({
    templates: await testSkeletons().read(skeleton),
    answers,
    backstageBaseUrl: BACKSTAGE_URL,
  });
}

export const paymentsAnswers: GoldenPathAnswers = {
  archetype: 'node-service',
  version: '1.0.0',
  inputs: {
    name: 'payments',
    owner: 'group:default/team-a',
    description: 'Takes payments',
    lifecycle: 'experimental',
    repoSlug: 'acme/payments',
    ciProvider: 'github-actions',
    slo: 99.9,
  },
};
