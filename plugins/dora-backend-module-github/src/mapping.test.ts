import {
  deploymentOutcome,
  toChanges,
  toDeploymentEvents,
  workflowRunOutcome,
} from './mapping';
import { GithubWorkflowRun } from './types';

const status = (id: number, state: string, minute: number) => ({
  id,
  state,
  created_at: `2026-11-20T10:${String(minute).padStart(2, '0')}:00Z`,
});

describe('deploymentOutcome', () => {
  it.each([
    [[status(1, 'in_progress', 1), status(2, 'success', 5)], 'success'],
    [[status(1, 'pending', 1), status(2, 'failure', 5)], 'failure'],
    [[status(2, 'error', 5)], 'failure'],
  ])('%j is final %s, at the final status', (statuses, expected) => {
    expect(deploymentOutcome(statuses)).toEqual({
      state: 'final',
      status: expected,
      finishedAt: '2026-11-20T10:05:00Z',
    });
  });

  it('takes the latest status whatever the order, passing over inactive', () => {
    expect(
      deploymentOutcome([
        status(3, 'inactive', 9),
        status(2, 'success', 5),
        status(1, 'queued', 1),
      ]),
    ).toEqual({
      state: 'final',
      status: 'success',
      finishedAt: '2026-11-20T10:05:00Z',
    });
  });

  it.each([
    [[]],
    [[status(1, 'queued', 1)]],
    [[status(1, 'success', 1), status(2, 'in_progress', 2)]],
  ])('%j is still under way', statuses => {
    expect(deploymentOutcome(statuses)).toEqual({ state: 'pending' });
  });

  it('skips a deployment with only inactive statuses', () => {
    expect(deploymentOutcome([status(1, 'inactive', 1)])).toEqual({
      state: 'skip',
    });
  });
});

describe('workflowRunOutcome', () => {
  const run = (
    runStatus: string,
    conclusion: string | null,
  ): GithubWorkflowRun => ({
    id: 1,
    head_sha: 'abc',
    status: runStatus,
    conclusion,
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-20T10:07:00Z',
  });

  it.each([
    ['success', 'success'],
    ['failure', 'failure'],
    ['timed_out', 'failure'],
  ])('maps conclusion %s to %s, finished when updated', (conclusion, to) => {
    expect(workflowRunOutcome(run('completed', conclusion))).toEqual({
      state: 'final',
      status: to,
      finishedAt: '2026-11-20T10:07:00Z',
    });
  });

  it.each(['cancelled', 'skipped', 'neutral', 'action_required'])(
    'skips conclusion %s',
    conclusion => {
      expect(workflowRunOutcome(run('completed', conclusion))).toEqual({
        state: 'skip',
      });
    },
  );

  it('waits for a run under way', () => {
    expect(workflowRunOutcome(run('in_progress', null))).toEqual({
      state: 'pending',
    });
  });
});

describe('toChanges', () => {
  it('takes the committer date, else the author date, and drops commits with neither', () => {
    expect(
      toChanges([
        {
          sha: 'a',
          commit: {
            author: { date: '2026-11-19T08:00:00Z' },
            committer: { date: '2026-11-19T09:00:00Z' },
          },
        },
        { sha: 'b', commit: { author: { date: '2026-11-19T10:00:00Z' } } },
        { sha: 'c', commit: { committer: null } },
      ]),
    ).toEqual([
      { sha: 'a', committedAt: '2026-11-19T09:00:00Z' },
      { sha: 'b', committedAt: '2026-11-19T10:00:00Z' },
    ]);
  });
});

describe('toDeploymentEvents', () => {
  const deployment = {
    id: 'deployment/42',
    environment: 'production',
    status: 'success' as const,
    startedAt: '2026-11-20T09:00:00Z',
    finishedAt: '2026-11-20T10:00:00Z',
    commitSha: 'abc',
    changes: [{ sha: 'abc', committedAt: '2026-11-19T09:00:00Z' }],
  };

  it('keeps the GitHub id for a repository of one entity', () => {
    expect(toDeploymentEvents(deployment, ['component:default/cart'])).toEqual([
      {
        kind: 'deployment',
        source: 'github',
        id: 'deployment/42',
        entityRef: 'component:default/cart',
        environment: 'production',
        status: 'success',
        startedAt: '2026-11-20T09:00:00Z',
        finishedAt: '2026-11-20T10:00:00Z',
        commitSha: 'abc',
        changes: [{ sha: 'abc', committedAt: '2026-11-19T09:00:00Z' }],
        rework: false,
      },
    ]);
  });

  it('marks a deployment of a revert as rework', () => {
    expect(
      toDeploymentEvents({ ...deployment, rework: true }, [
        'component:default/cart',
      ])[0].rework,
    ).toBe(true);
  });

  it('appends the entity ref when several entities share the repository', () => {
    expect(
      toDeploymentEvents(deployment, [
        'component:default/a',
        'component:default/b',
      ]).map(e => e.id),
    ).toEqual([
      'deployment/42/component:default/a',
      'deployment/42/component:default/b',
    ]);
  });
});
