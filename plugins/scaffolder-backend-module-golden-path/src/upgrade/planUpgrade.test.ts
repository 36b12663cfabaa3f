import { planUpgrade } from './planUpgrade';

const labels = { ours: 'yours', base: 'svc@1.0.0', theirs: 'svc@1.1.0' };
const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('planUpgrade', () => {
  const base = [
    {
      path: 'ci.yaml',
      content: lines(
        'build:',
        '  node: 20',
        '  run: npm ci',
        'test:',
        '  run: npm test',
      ),
    },
    { path: 'README.md', content: lines('# svc', '', 'Owned by team-a.') },
    { path: 'old.txt', content: 'gone\n' },
    { path: 'CODEOWNERS', content: '* @acme/team-a\n' },
  ];
  const theirs = [
    {
      path: 'ci.yaml',
      content: lines(
        'build:',
        '  node: 22',
        '  run: npm ci',
        'test:',
        '  run: npm test',
      ),
    },
    {
      path: 'README.md',
      content: lines('# svc', '', 'Owned by team-a.', '', '## Runbook'),
    },
    { path: 'new.txt', content: 'hello\n' },
    { path: 'CODEOWNERS', content: '* @acme/team-a\n' },
  ];

  it('takes the new render for untouched files, adds and removes files', () => {
    const plan = planUpgrade({
      base,
      theirs,
      ours: Object.fromEntries(base.map(f => [f.path, f.content])),
      labels,
    });
    expect(plan.changes).toEqual([
      { path: 'README.md', content: theirs[1].content },
      { path: 'ci.yaml', content: theirs[0].content },
      { path: 'new.txt', content: 'hello\n' },
      { path: 'old.txt', content: null },
    ]);
    expect(plan).toMatchObject({
      updated: ['README.md', 'ci.yaml'],
      added: ['new.txt'],
      removed: ['old.txt'],
      merged: [],
      conflicts: [],
    });
  });

  it('merges a file the team changed elsewhere cleanly', () => {
    const ours = lines(
      'build:',
      '  node: 20',
      '  run: npm ci',
      'test:',
      '  run: npm test -- --coverage',
    );
    const plan = planUpgrade({
      base,
      theirs,
      ours: { 'ci.yaml': ours },
      labels,
    });
    expect(plan.merged).toEqual(['ci.yaml']);
    expect(plan.changes.find(c => c.path === 'ci.yaml')?.content).toBe(
      lines(
        'build:',
        '  node: 22',
        '  run: npm ci',
        'test:',
        '  run: npm test -- --coverage',
      ),
    );
  });

  it('flags a real conflict with diff3 markers instead of overwriting', () => {
    const ours = lines(
      'build:',
      '  node: 21',
      '  run: npm ci',
      'test:',
      '  run: npm test',
    );
    const plan = planUpgrade({
      base,
      theirs,
      ours: { 'ci.yaml': ours },
      labels,
    });
    expect(plan.conflicts).toEqual(['ci.yaml']);
    expect(plan.changes.find(c => c.path === 'ci.yaml')?.content).toBe(
      lines(
        'build:',
        '<<<<<<< yours',
        '  node: 21',
        '||||||| svc@1.0.0',
        '  node: 20',
        '=======',
        '  node: 22',
        '>>>>>>> svc@1.1.0',
        '  run: npm ci',
        'test:',
        '  run: npm test',
      ),
    );
  });

  it('keeps what the team deleted or changed where the new version drops or changes it', () => {
    const plan = planUpgrade({
      base,
      theirs,
      ours: { 'old.txt': 'mine now\n', CODEOWNERS: '* @acme/team-a\n' },
      labels,
    });
    expect(plan.kept).toEqual(['README.md', 'ci.yaml', 'old.txt']);
    expect(plan.changes).toEqual([{ path: 'new.txt', content: 'hello\n' }]);
  });

  it('marks a new file that already exists with other content as a conflict', () => {
    const plan = planUpgrade({
      base,
      theirs,
      ours: {
        ...Object.fromEntries(base.map(f => [f.path, f.content])),
        'new.txt': 'mine\n',
      },
      labels,
    });
    expect(plan.conflicts).toEqual(['new.txt']);
    expect(plan.changes.find(c => c.path === 'new.txt')?.content).toContain(
      '<<<<<<< yours\nmine\n',
    );
  });
});
