import {
  Entity,
  FieldFormatEntityPolicy,
  SchemaValidEntityPolicy,
  componentEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { openSloV1Schema } from '../render/openSloSchema';

async function read(dir: string, file: string) {
  return fs.readFile(path.join(dir, file), 'utf8');
}

/**
 * Checks the generated files of a service folder: catalog-info through the
 * catalog-model validators, slo.yaml against the OpenSLO schema, the CI
 * pipeline's required jobs. Returns the entity.
 */
export async function expectValidGoldenPath(dir: string): Promise<Entity> {
  const entity = parse(await read(dir, 'catalog-info.yaml')) as Entity;
  await expect(new SchemaValidEntityPolicy().enforce(entity)).resolves.toBe(
    entity,
  );
  await expect(new FieldFormatEntityPolicy().enforce(entity)).resolves.toBe(
    entity,
  );
  await expect(componentEntityV1alpha1Validator.check(entity)).resolves.toBe(
    true,
  );

  const slo = openSloV1Schema.parse(parse(await read(dir, 'slo.yaml')));
  expect(slo.spec.service).toBe(entity.metadata.name);

  const answers = parse(await read(dir, '.paved-road/answers.yaml'));
  const ciProvider = answers.inputs.ciProvider;
  if (ciProvider === 'github-actions') {
    const workflow = parse(
      await read(dir, '.github/workflows/golden-path.yaml'),
    );
    expect(Object.keys(workflow.jobs)).toEqual(
      expect.arrayContaining(['build', 'test', 'deploy', 'report-deployment']),
    );
    expect(workflow.jobs.test.needs).toBe('build');
    expect(workflow.jobs.deploy.needs).toBe('test');
    expect(workflow.jobs['report-deployment'].needs).toBe('deploy');
    const report = workflow.jobs['report-deployment'].steps.at(-1);
    expect(report.env.DORA_TOKEN).toBe('${{ secrets.PAVED_ROAD_DORA_TOKEN }}');
    expect(report.run).toBe('sh .paved-road/report-deployment.sh');
    await expect(fs.stat(path.join(dir, '.gitlab-ci.yml'))).rejects.toThrow();
  } else {
    const pipeline = parse(await read(dir, '.gitlab-ci.yml'));
    expect(pipeline.stages).toEqual(['build', 'test', 'deploy', 'report']);
    for (const job of ['build', 'test', 'deploy']) {
      expect(pipeline[job].stage).toBe(job);
    }
    expect(pipeline['.report-deployment'].variables.DORA_TOKEN).toBe(
      '$PAVED_ROAD_DORA_TOKEN',
    );
    expect(pipeline['report-deployment'].variables.DEPLOY_STATUS).toBe(
      'success',
    );
    await expect(fs.stat(path.join(dir, '.github'))).rejects.toThrow();
  }
  const script = await read(dir, '.paved-road/report-deployment.sh');
  expect(script).toContain('$BACKSTAGE_URL/api/dora/events');
  expect(script).toContain(
    `ENTITY_REF:-component:default/${entity.metadata.name}`,
  );
  for (const file of [
    'CODEOWNERS',
    'mkdocs.yml',
    'docs/index.md',
    'README.md',
  ]) {
    await expect(read(dir, file)).resolves.toContain(entity.metadata.name);
  }
  return entity;
}
