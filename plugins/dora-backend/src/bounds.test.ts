import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { doraPlugin } from './plugin';
import { DAY, T0, createDatabases, deployment } from './__testUtils__/fixtures';

jest.setTimeout(120_000);

const databases = createDatabases();
const user = () => mockCredentials.user.header();
// Generous upper bound: proves a request does not hold the event loop (an
// unbounded one took 20 s or forever), not a benchmark.
const QUICKLY_MS = 1000;

const component = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
});
const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  component('a'),
  component('b'),
];

describe.each(databases.eachSupportedId())('bounds on %p', id => {
  async function start() {
    const knex = await databases.init(id);
    const { server } = await startTestBackend({
      features: [
        doraPlugin,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities }),
      ],
    });
    return { server, knex };
  }

  /** Sends `call`, and /health meanwhile; both answer within QUICKLY_MS. */
  async function quickly(
    server: Parameters<typeof request>[0],
    call: (r: ReturnType<typeof request>) => request.Test,
  ) {
    const started = Date.now();
    const [res, health] = await Promise.all([
      call(request(server)).set('Authorization', user()),
      request(server).get('/api/dora/health').set('Authorization', user()),
    ]);
    expect(health.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(QUICKLY_MS);
    return res;
  }

  it('answers bounded queries within a second with a 400 naming the field', async () => {
    const { server, knex } = await start();
    const longName = `${'a'.repeat(40)}!`;
    const push = await request(server)
      .post('/api/dora/events')
      .set('Authorization', user())
      .send({ events: [deployment('d1', DAY, { environment: longName })] });
    expect(push.status).toBe(200);

    // A request pattern is refused before it could run over stored names.
    const regex = await quickly(server, r =>
      r.get('/api/dora/metrics').query({
        entityRef: 'component:default/a',
        environment: '/^(a+)+$/',
      }),
    );
    expect(regex.status).toBe(400);
    expect(regex.body.error.message).toMatch(/^Invalid 'environment': /);

    // The exact name still selects the stored environment.
    const exact = await quickly(server, r =>
      r.get('/api/dora/metrics').query({
        entityRef: 'component:default/a',
        environment: longName,
        from: new Date(T0).toISOString(),
        to: new Date(T0 + 7 * DAY).toISOString(),
      }),
    );
    expect(exact.status).toBe(200);
    expect(exact.body.deploymentFrequency.deployments).toBe(1);

    const ancient = await quickly(server, r =>
      r.get('/api/dora/metrics?owner=group:default/team-a&from=0100-01-01'),
    );
    expect(ancient.status).toBe(400);
    expect(ancient.body.error.message).toMatch(/^Invalid 'from': /);

    const fiftyYears = await quickly(server, r =>
      r.get(
        '/api/dora/metrics?entityRef=component:default/a&from=1976-01-01&to=2026-01-01',
      ),
    );
    expect(fiftyYears.status).toBe(400);
    expect(fiftyYears.body.error.message).toContain('at most 2 years');

    const hugeLimit = await quickly(server, r =>
      r.get('/api/dora/deployments?entityRef=component:default/a&limit=100000'),
    );
    expect(hugeLimit.status).toBe(400);
    expect(hugeLimit.body.error.message).toBe(
      "Invalid 'limit': expected 1 to 500",
    );

    // Nothing was built for the refused windows.
    const [{ count }] = await knex('dora_rollups').count({ count: '*' });
    expect(Number(count)).toBe(0);
  });

  it('refuses 20,001 events with 413 within a second', async () => {
    const { server } = await start();
    const events = Array.from({ length: 20001 }, (_, i) =>
      deployment(`d${i}`, i),
    );

    const res = await quickly(server, r =>
      r.post('/api/dora/events').send({ events }),
    );

    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe(
      'Too many events: 20001, at most 5000 per request',
    );
  });

  it('refuses a body above the JSON limit with 413', async () => {
    const { server } = await start();
    const body = JSON.stringify({ events: [], padding: 'x'.repeat(21e6) });

    const res = await request(server)
      .post('/api/dora/events')
      .set('Authorization', user())
      .set('Content-Type', 'application/json')
      .send(body);

    expect(res.status).toBe(413);
  });

  it('rejects a deployment that starts after it finished, naming both', async () => {
    const { server } = await start();

    const res = await request(server)
      .post('/api/dora/events')
      .set('Authorization', user())
      .send({
        events: [
          deployment('ok', DAY),
          deployment('bad', DAY, {
            startedAt: new Date(T0 + 2 * DAY).toISOString(),
          }),
        ],
      });

    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: 'events[1].startedAt: expected a date at or before finishedAt',
    });
  });

  it('builds owner rollups only for months holding data', async () => {
    const { server, knex } = await start();
    await request(server)
      .post('/api/dora/events')
      .set('Authorization', user())
      .send({
        events: [
          deployment('d1', DAY),
          deployment('d2', 40 * DAY, { entityRef: 'component:default/b' }),
        ],
      })
      .expect(200);

    const res = await request(server)
      .get('/api/dora/metrics')
      .query({
        owner: 'group:default/team-a',
        from: '2025-01-01T00:00:00Z',
        to: '2026-12-31T00:00:00Z',
      })
      .set('Authorization', user());

    expect(res.status).toBe(200);
    expect(res.body.deploymentFrequency.deployments).toBe(2);
    const rows = await knex('dora_rollups')
      .orderBy('entity_ref')
      .select('entity_ref', 'month');
    // Each entity's own months (a: November, b: December 2026), not the
    // window's 24.
    expect(rows.map(r => [r.entity_ref, Number(r.month)])).toEqual([
      ['component:default/a', 2026 * 12 + 10],
      ['component:default/b', 2026 * 12 + 11],
    ]);
  });
});
