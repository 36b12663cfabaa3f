import { parseDeploymentHook } from './parseDeploymentHook';

/** Shaped like the Deployment events example in GitLab's webhook docs. */
const documented = {
  object_kind: 'deployment',
  status: 'success',
  status_changed_at: '2021-04-28 21:50:00 +0200',
  deployment_id: 15,
  deployable_id: 796,
  deployable_url:
    'http://10.126.0.2:3000/root/test-deployment-webhooks/-/jobs/796',
  environment: 'staging',
  environment_tier: 'staging',
  environment_slug: 'staging',
  environment_external_url: 'https://staging.example.com',
  project: {
    id: 30,
    name: 'test-deployment-webhooks',
    web_url: 'http://10.126.0.2:3000/root/test-deployment-webhooks',
    namespace: 'Administrator',
    path_with_namespace: 'root/test-deployment-webhooks',
    default_branch: 'master',
  },
  short_sha: '279484c0',
  user: { id: 1, name: 'Administrator', username: 'root' },
  commit_url:
    'http://10.126.0.2:3000/root/test-deployment-webhooks/-/commit/279484c09fbe69ededfced8c1bb6e6d24616b468',
  commit_title:
    'Add new file\n\nSigned-off-by: Administrator <admin@example.com>',
};

const parse = (body: unknown) =>
  parseDeploymentHook(
    Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  );

describe('parseDeploymentHook', () => {
  it('reads the documented example, taking the full SHA from commit_url', () => {
    expect(parse(documented)).toEqual({
      object_kind: 'deployment',
      status: 'success',
      deployment_id: 15,
      environment: 'staging',
      status_changed_at: '2021-04-28T19:50:00.000Z',
      project: { id: 30, path_with_namespace: 'root/test-deployment-webhooks' },
      sha: '279484c09fbe69ededfced8c1bb6e6d24616b468',
      commit_title:
        'Add new file\n\nSigned-off-by: Administrator <admin@example.com>',
    });
  });

  it('refuses a commit_title that is not a string, naming it', () => {
    expect(() => parse({ ...documented, commit_title: 42 })).toThrow(
      "Invalid 'commit_title': expected a string",
    );
    expect(parse({ ...documented, commit_title: null }).commit_title).toBe(
      undefined,
    );
  });

  it.each([
    [{ object_kind: 'push' }, "Invalid 'object_kind': expected 'deployment'"],
    [{ status: 3 }, "Invalid 'status': expected a non-empty string"],
    [
      { deployment_id: '15' },
      "Invalid 'deployment_id': expected a positive integer",
    ],
    [{ environment: '' }, "Invalid 'environment': expected a non-empty string"],
    [
      { status_changed_at: 'yesterday' },
      "Invalid 'status_changed_at': expected a time like '2021-04-28 21:50:00 +0200' or ISO 8601",
    ],
    [{ project: null }, "Invalid 'project': expected an object"],
    [
      { project: { id: 0, path_with_namespace: 'a/b' } },
      "Invalid 'project.id': expected a positive integer",
    ],
    [
      { project: { id: 30 } },
      "Invalid 'project.path_with_namespace': expected a non-empty string",
    ],
  ])('names the malformed field of %j', (override, message) => {
    expect(() => parse({ ...documented, ...override })).toThrow(message);
  });

  it('rejects bodies that are not a JSON object', () => {
    expect(() => parse('{oops')).toThrow('Invalid body: expected JSON');
    expect(() => parse([documented])).toThrow(
      "Invalid 'body': expected a JSON object",
    );
  });
});
