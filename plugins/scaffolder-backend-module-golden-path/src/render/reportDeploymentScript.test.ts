import { createMockDirectory } from '@backstage/backend-test-utils';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  paymentsAnswers,
  renderBuiltin,
} from '../__testUtils__/goldenPathTestUtils';

const run = promisify(execFile);

// Runs the generated CI script for real (sh, git, jq, curl) against a local
// stand-in for POST /api/dora/events and checks the event it sends.
describe('.paved-road/report-deployment.sh', () => {
  const repo = createMockDirectory();
  let server: http.Server;
  let received: { url?: string; auth?: string; body: any }[];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        received.push({
          url: req.url,
          auth: req.headers.authorization,
          body: JSON.parse(body),
        });
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('{"accepted":1,"updated":0}');
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  beforeEach(async () => {
    received = [];
    repo.clear();
    const files = await renderBuiltin(paymentsAnswers);
    for (const f of files) {
      await fs.mkdir(path.dirname(repo.resolve(f.path)), { recursive: true });
      await fs.writeFile(repo.resolve(f.path), f.content);
    }
  });

  const git = (...args: string[]) => run('git', args, { cwd: repo.path });
  const commit = async (message: string, date: string) => {
    await fs.appendFile(repo.resolve('CHANGELOG'), `${message}\n`);
    await git('add', '.');
    await run(
      'git',
      [
        '-c',
        'user.name=t',
        '-c',
        'user.email=t@example.com',
        'commit',
        '-qm',
        message,
      ],
      {
        cwd: repo.path,
        env: {
          ...process.env,
          GIT_COMMITTER_DATE: date,
          GIT_AUTHOR_DATE: date,
        },
      },
    );
    return (await git('rev-parse', 'HEAD')).stdout.trim();
  };

  it('posts the deployment with every commit since the previous push', async () => {
    await git('init', '-q');
    const before = await commit('first', '2026-11-19T10:00:00Z');
    const second = await commit('second', '2026-11-19T16:00:00Z');
    const head = await commit('third', '2026-11-20T09:00:00Z');
    const { port } = server.address() as AddressInfo;

    await run('sh', ['.paved-road/report-deployment.sh'], {
      cwd: repo.path,
      env: {
        ...process.env,
        BACKSTAGE_URL: `http://127.0.0.1:${port}`,
        DORA_TOKEN: 'ci-token',
        DORA_SOURCE: 'github-actions',
        RUN_ID: 'acme/payments/812',
        COMMIT_SHA: head,
        BEFORE_SHA: before,
        STARTED_AT: '2026-11-20T09:58:00Z',
        DEPLOY_STATUS: 'success',
      },
    });

    expect(received).toHaveLength(1);
    expect(received[0].url).toBe('/api/dora/events');
    expect(received[0].auth).toBe('Bearer ci-token');
    const [event] = received[0].body.events;
    expect(event).toEqual({
      kind: 'deployment',
      source: 'github-actions',
      id: 'acme/payments/812',
      entityRef: 'component:default/payments',
      environment: 'production',
      status: 'success',
      startedAt: '2026-11-20T09:58:00Z',
      finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      commitSha: head,
      changes: [
        { sha: head, committedAt: '2026-11-20T09:00:00+00:00' },
        { sha: second, committedAt: '2026-11-19T16:00:00+00:00' },
      ],
    });
  });

  it('reports a failed deploy of a first push with the head commit alone', async () => {
    await git('init', '-q');
    const head = await commit('only', '2026-11-20T09:00:00Z');
    const { port } = server.address() as AddressInfo;
    await run('sh', ['.paved-road/report-deployment.sh'], {
      cwd: repo.path,
      env: {
        ...process.env,
        BACKSTAGE_URL: `http://127.0.0.1:${port}`,
        DORA_TOKEN: 'ci-token',
        RUN_ID: '7',
        COMMIT_SHA: head,
        BEFORE_SHA: '0000000000000000000000000000000000000000',
        DEPLOY_STATUS: 'cancelled',
      },
    });
    const [event] = received[0].body.events;
    expect(event.status).toBe('failure');
    expect(event.source).toBe('ci');
    expect(event).not.toHaveProperty('startedAt');
    expect(event.changes).toEqual([
      { sha: head, committedAt: '2026-11-20T09:00:00+00:00' },
    ]);
  });
});
