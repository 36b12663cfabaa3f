import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

const step = (input: Record<string, unknown>) =>
  stringify({
    steps: [
      {
        id: 'golden-path',
        action: 'golden-path:create',
        name: 'Golden path',
        input,
      },
    ],
  });

/** Examples of `golden-path:create`; each one runs in the tests. */
export const examples: TemplateExample[] = [
  {
    description: 'Scaffold a Node service built by GitHub Actions',
    example: step({
      name: 'payments',
      owner: 'group:default/team-a',
      description: 'Takes payments',
      archetype: 'node-service',
      repoSlug: 'acme/payments',
    }),
  },
  {
    description:
      'Scaffold a Python service built by GitLab CI, paged through PagerDuty, with a 99.95% objective',
    example: step({
      name: 'ledger',
      owner: 'team-a',
      description: 'Double-entry ledger',
      system: 'billing',
      lifecycle: 'production',
      archetype: 'python-service',
      repoSlug: 'acme/finance/ledger',
      ciProvider: 'gitlab-ci',
      slo: 99.95,
      pagerdutyServiceId: 'PX1Y2Z3',
    }),
  },
  {
    description:
      'Write the golden-path files into a sub-folder, replacing files already there',
    example: step({
      name: 'search',
      owner: 'group:default/team-a',
      archetype: 'node-service',
      targetPath: 'services/search',
      overwrite: true,
    }),
  },
];
