import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

/** Examples of `golden-path:upgrade`; each one runs in the tests. */
export const examples: TemplateExample[] = [
  {
    description:
      "Upgrade a repository's golden-path files to the archetype's latest version",
    example: stringify({
      steps: [
        {
          id: 'upgrade',
          action: 'golden-path:upgrade',
          name: 'Upgrade the golden path',
          input: { repoUrl: 'github.com?owner=acme&repo=payments' },
        },
      ],
    }),
  },
  {
    description:
      'Upgrade golden-path files kept in a sub-folder to a given version, on a named branch',
    example: stringify({
      steps: [
        {
          id: 'upgrade',
          action: 'golden-path:upgrade',
          name: 'Upgrade the golden path',
          input: {
            repoUrl: 'github.com?owner=acme&repo=platform',
            targetPath: 'services/payments',
            version: '1.1.0',
            targetBranch: 'main',
            branchName: 'chore/golden-path-1.1.0',
          },
        },
      ],
    }),
  },
  {
    description:
      "Upgrade with the user's own GitHub token, asked for by a RepoUrlPicker with requestUserCredentials (secretsKey USER_OAUTH_TOKEN)",
    example: stringify({
      steps: [
        {
          id: 'upgrade',
          action: 'golden-path:upgrade',
          name: 'Upgrade the golden path',
          input: {
            repoUrl: 'github.com?owner=acme&repo=payments',
            token: '${{ secrets.USER_OAUTH_TOKEN }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Upgrade a GitLab project (gitlab.com or a self-managed host in integrations.gitlab) with a merge request',
    example: stringify({
      steps: [
        {
          id: 'upgrade',
          action: 'golden-path:upgrade',
          name: 'Upgrade the golden path',
          input: { repoUrl: 'gitlab.com?owner=acme&repo=billing' },
        },
      ],
    }),
  },
];
