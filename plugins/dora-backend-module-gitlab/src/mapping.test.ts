import {
  ownCommitShipped,
  parseGitlabTime,
  toChanges,
  toDeploymentEvents,
  toDoraStatus,
  toShipped,
} from './mapping';
import { gitlabDeployment, at, DAY } from './__testUtils__/fakeGitlab';

describe('toDoraStatus', () => {
  it('maps final outcomes and skips the rest', () => {
    expect(toDoraStatus('success')).toBe('success');
    expect(toDoraStatus('failed')).toBe('failure');
    for (const status of [
      'created',
      'running',
      'canceled',
      'blocked',
      'skipped',
    ]) {
      expect(toDoraStatus(status)).toBeUndefined();
    }
  });
});

describe('parseGitlabTime', () => {
  it('reads the webhook form with an offset or UTC, and ISO 8601', () => {
    expect(parseGitlabTime('2021-04-28 21:50:00 +0200')).toBe(
      '2021-04-28T19:50:00.000Z',
    );
    expect(parseGitlabTime('2021-04-28 21:50:00 UTC')).toBe(
      '2021-04-28T21:50:00.000Z',
    );
    expect(parseGitlabTime('2016-08-11T11:32:35.444+02:00')).toBe(
      '2016-08-11T09:32:35.444Z',
    );
  });

  it('refuses what is not a time', () => {
    for (const value of [
      'yesterday',
      '',
      null,
      undefined,
      '2021-13-45 99:00:00 +0200',
    ]) {
      expect(parseGitlabTime(value)).toBeUndefined();
    }
  });
});

describe('toChanges', () => {
  it('de-duplicates by SHA, prefers committed_date and drops undated commits', () => {
    expect(
      toChanges([
        {
          id: 'a',
          committed_date: '2026-11-01T10:00:00Z',
          created_at: '2026-11-01T09:00:00Z',
        },
        { id: 'a', committed_date: '2026-11-02T10:00:00Z' },
        { id: 'b', created_at: '2026-11-01T11:00:00+01:00' },
        { id: 'c' },
      ]),
    ).toEqual([
      { sha: 'a', committedAt: '2026-11-01T10:00:00.000Z' },
      { sha: 'b', committedAt: '2026-11-01T10:00:00.000Z' },
    ]);
  });
});

describe('toShipped', () => {
  const revert = {
    id: 'r',
    title: 'Revert "Add cache"',
    message: 'Revert "Add cache"\r\n\r\nThis reverts merge request !12',
    committed_date: at(0),
  };
  const feature = {
    id: 'f',
    title: 'Add cache',
    message: 'Add cache\n',
    committed_date: at(0),
  };

  it('is rework when a commit message or a merge request title is a revert', () => {
    expect(toShipped([feature, revert])).toEqual({
      changes: [
        { sha: 'f', committedAt: at(0) },
        { sha: 'r', committedAt: at(0) },
      ],
      rework: true,
    });
    expect(toShipped([feature]).rework).toBe(false);
    expect(toShipped([feature], ['Revert "Add cache"']).rework).toBe(true);
    expect(toShipped([feature], ['Add cache', null]).rework).toBe(false);
    // Only the title, when GitLab sent no message.
    expect(toShipped([{ ...revert, message: null }]).rework).toBe(true);
  });

  it("reads the deployment's own commit when it is the deployed one", () => {
    const deployment = gitlabDeployment(4, DAY);
    const own = deployment.deployable!.commit!;
    expect(ownCommitShipped(deployment).rework).toBe(false);
    const reverted = {
      ...deployment,
      deployable: {
        ...deployment.deployable,
        commit: {
          ...own,
          message: `Revert "x"\n\nThis reverts commit ${'a'.repeat(40)}`,
        },
      },
    };
    expect(ownCommitShipped(reverted)).toEqual({
      changes: [{ sha: own.id, committedAt: own.committed_date }],
      rework: true,
    });
    expect(ownCommitShipped({ ...reverted, sha: 'b'.repeat(40) })).toEqual({
      changes: [],
      rework: false,
    });
  });
});

describe('toDeploymentEvents', () => {
  const changes = [{ sha: 'a', committedAt: at(0) }];

  it('sends rework as given, false by default', () => {
    const make = (rework?: boolean) =>
      toDeploymentEvents({
        deployment: gitlabDeployment(4, DAY),
        entityRefs: ['component:default/a'],
        changes,
        rework,
      })[0].rework;
    expect(make()).toBe(false);
    expect(make(true)).toBe(true);
  });

  it('uses finished_at, else updated_at, and the environment name', () => {
    const [event] = toDeploymentEvents({
      deployment: gitlabDeployment(4, DAY, {
        finished_at: null,
        environment: { name: 'prod' },
      }),
      entityRefs: ['component:default/a'],
      changes,
    });
    expect(event).toMatchObject({
      id: '4',
      source: 'gitlab',
      environment: 'prod',
      finishedAt: at(DAY + 1000),
      changes,
    });
  });

  it('falls back to the deployable commit for the SHA', () => {
    const sha = 'e'.repeat(40);
    const [event] = toDeploymentEvents({
      deployment: gitlabDeployment(4, DAY, {
        sha: null,
        deployable: { commit: { id: sha } },
      }),
      entityRefs: ['component:default/a'],
      changes: [],
    });
    expect(event.commitSha).toBe(sha);
    expect(event.startedAt).toBeUndefined();
  });

  it('makes no event for a deployment still running or with no environment', () => {
    const make = (extra: object) =>
      toDeploymentEvents({
        deployment: gitlabDeployment(4, DAY, extra),
        entityRefs: ['component:default/a'],
        changes,
      });
    expect(make({ status: 'running' })).toEqual([]);
    expect(make({ environment: null })).toEqual([]);
  });

  it('suffixes ids with the entity ref only when several entities share the project', () => {
    const events = toDeploymentEvents({
      deployment: gitlabDeployment(4, DAY, { status: 'failed' }),
      entityRefs: ['component:default/a', 'component:default/b'],
      changes,
    });
    expect(events.map(e => [e.id, e.status])).toEqual([
      ['4:component:default/a', 'failure'],
      ['4:component:default/b', 'failure'],
    ]);
  });
});
