import { parse } from 'yaml';
import {
  BACKSTAGE_URL,
  paymentsAnswers,
} from '../__testUtils__/goldenPathTestUtils';
import { renderGoldenPath } from './renderGoldenPath';

const minimalCatalogInfo = {
  path: 'catalog-info.yaml',
  content: [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: ${{ values.name }}',
    '  links:',
    '    - url: https://runbooks.example.com/${{ values.name }}',
    'spec:',
    '  type: service',
  ].join('\n'),
};
const render = (
  templates: { path: string; content: string }[],
  answers = paymentsAnswers,
) =>
  renderGoldenPath({
    templates,
    answers,
    backstageBaseUrl: `${BACKSTAGE_URL}/`,
  });

describe('renderGoldenPath', () => {
  it("enforces the suite's fields and annotations and keeps the skeleton's own", async () => {
    const files = await render([minimalCatalogInfo], {
      ...paymentsAnswers,
      scaffoldedFrom: 'template:default/svc',
      inputs: {
        ...paymentsAnswers.inputs,
        system: 'billing',
        pagerdutyServiceId: 'P1',
      },
    });
    const entity = parse(
      files.find(f => f.path === 'catalog-info.yaml')!.content,
    );
    expect(entity.metadata).toEqual({
      name: 'payments',
      description: 'Takes payments',
      links: [{ url: 'https://runbooks.example.com/payments' }],
      annotations: {
        'backstage.io/techdocs-ref': 'dir:.',
        'paved-road.dev/openslo-ref': './slo.yaml',
        'paved-road.dev/golden-path': 'node-service@1.0.0',
        'github.com/project-slug': 'acme/payments',
        'pagerduty.com/service-id': 'P1',
      },
    });
    expect(entity.spec).toEqual({
      type: 'service',
      owner: 'group:default/team-a',
      lifecycle: 'experimental',
      system: 'billing',
      scaffoldedFrom: 'template:default/svc',
    });
  });

  it('skips files whose rendered path is empty, as fetch:template does', async () => {
    const files = await render([
      minimalCatalogInfo,
      {
        path: '${{ values.githubDir }}/workflows/ci.yaml',
        content: 'on: push',
      },
      { path: '${{ values.gitlabCiFile }}', content: 'stages: []' },
      {
        path: 'url.txt',
        content: '${{ values.backstageBaseUrl }}/api/dora/events',
      },
    ]);
    expect(files.map(f => f.path)).toEqual([
      '.github/workflows/ci.yaml',
      '.paved-road/answers.yaml',
      'catalog-info.yaml',
      'url.txt',
    ]);
    expect(files.find(f => f.path === 'url.txt')!.content).toBe(
      'https://backstage.example.com/api/dora/events',
    );
  });

  it('records the answers for later upgrades', async () => {
    const files = await render([minimalCatalogInfo]);
    expect(
      parse(files.find(f => f.path === '.paved-road/answers.yaml')!.content),
    ).toEqual(paymentsAnswers);
  });

  it('rejects a skeleton without catalog-info.yaml, or with an invalid slo.yaml', async () => {
    await expect(render([])).rejects.toThrow(
      "Archetype 'node-service@1.0.0' has no catalog-info.yaml",
    );
    await expect(
      render([
        minimalCatalogInfo,
        {
          path: 'slo.yaml',
          content:
            'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: Bad_Name\nspec: {}\n',
        },
      ]),
    ).rejects.toThrow(
      /Generated slo.yaml is not valid OpenSLO v1: 'metadata.name'/,
    );
  });

  it('rejects a catalog-info.yaml the catalog would refuse', async () => {
    await expect(
      render([
        {
          path: 'catalog-info.yaml',
          content: 'apiVersion: v1\nkind: Pod\nmetadata: {}\n',
        },
      ]),
    ).rejects.toThrow(/Generated catalog-info.yaml is invalid/);
  });
});
