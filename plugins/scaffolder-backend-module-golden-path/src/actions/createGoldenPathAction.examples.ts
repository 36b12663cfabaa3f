import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Scaffold a Node service owned by team-a',
    example: stringify({
      steps: [
        {
          id: 'golden-path',
          action: 'golden-path:create',
          name: 'Golden path',
          input: {
            name: 'payments',
            owner: 'group:default/team-a',
            description: 'Takes payments',
            archetype: 'node-service',
            repoSlug: 'acme/payments',
          },
        },
      ],
    }),
  },
];
