import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { FakeGitlab, GITLAB_API } from '../__testUtils__/fakeGitlab';
import { GitlabRepository } from './GitlabRepository';

describe('GitlabRepository', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const setup = () => {
    const gitlab = new FakeGitlab(
      'acme/team/payments',
      new Map([
        ['README.md', '# payments\n'],
        ['old.txt', 'gone\n'],
      ]),
    );
    server.use(...gitlab.handlers());
    const repository = GitlabRepository.create({
      projectPath: 'acme/team/payments',
      token: 'gl-token',
      apiBaseUrl: GITLAB_API,
    });
    return { gitlab, repository };
  };

  it('commits create, update, delete and an executable script with the Commits API', async () => {
    const { gitlab, repository } = setup();
    await repository.commit({
      branch: 'upgrade',
      startBranch: 'main',
      message: 'Upgrade',
      files: [
        { path: 'README.md', content: '# payments v2\n', exists: true },
        { path: 'old.txt', content: null, exists: true },
        { path: 'ci/report.sh', content: '#!/bin/sh\n', exists: false },
      ],
    });
    expect(gitlab.writes[0].body.actions).toEqual([
      { action: 'update', file_path: 'README.md', content: '# payments v2\n' },
      { action: 'delete', file_path: 'old.txt' },
      { action: 'create', file_path: 'ci/report.sh', content: '#!/bin/sh\n' },
      { action: 'chmod', file_path: 'ci/report.sh', execute_filemode: true },
    ]);
    expect([...gitlab.branches.get('upgrade')!]).toEqual([
      ['README.md', '# payments v2\n'],
      ['ci/report.sh', '#!/bin/sh\n'],
    ]);
    expect(gitlab.executables.has('ci/report.sh')).toBe(true);
    await expect(repository.readFile('README.md', 'upgrade')).resolves.toBe(
      '# payments v2\n',
    );
    await expect(repository.readFile('old.txt', 'upgrade')).resolves.toBe(
      undefined,
    );
    await expect(repository.branchExists('upgrade')).resolves.toBe(true);
    await expect(repository.branchExists('nope')).resolves.toBe(false);
  });

  it("fails with GitLab's message, naming the call and the project", async () => {
    const { repository } = setup();
    await expect(
      repository.commit({
        branch: 'main',
        message: 'x',
        files: [{ path: 'README.md', content: 'x', exists: false }],
      }),
    ).rejects.toThrow(
      'Cannot commit in acme/team/payments: GitLab answered 400 Bad Request: A file with this name already exists',
    );
  });
});
