import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import request from 'supertest';
import { doraPlugin } from './plugin';
import {
  ALICE,
  accessPolicy,
  visibilityCatalog,
} from './__testUtils__/accessFixtures';
import {
  DAY,
  at,
  createDatabases,
  deployment,
  incident,
} from './__testUtils__/fixtures';

jest.setTimeout(60_000);

const databases = createDatabases();
const window = { from: at(0), to: at(7 * DAY) };
const ACTIONS = '/api/dora/.backstage/actions/v1/actions';

describe.each(databases.eachSupportedId())('DORA actions on %p', databaseId => {
  async function start() {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: [
        doraPlugin,
        visibilityCatalog,
        accessPolicy().factory,
        actionsRegistryServiceFactory,
        mockServices.database.factory({ knex }),
      ],
    });
    const push = await request(server)
      .post('/api/dora/events')
      .set('Authorization', mockCredentials.service.header())
      .send({
        events: [
          deployment('a1', DAY, { entityRef: 'component:default/a' }),
          deployment('s1', DAY, { entityRef: 'component:default/secret' }),
          incident('i1', DAY + 1000, DAY + 5000, {
            entityRef: 'component:default/secret',
          }),
        ],
      });
    expect(push.status).toBe(200);
    return server;
  }

  const invoke = (
    server: Parameters<typeof request>[0],
    name: string,
    input: object,
    user = ALICE,
  ) =>
    request(server)
      .post(`${ACTIONS}/dora:${name}/invoke`)
      .set('Authorization', mockCredentials.user.header(user))
      .send(input);

  it('lists the read actions, with their input schemas', async () => {
    const server = await start();
    const res = await request(server)
      .get(ACTIONS)
      .set('Authorization', mockCredentials.user.header(ALICE));
    expect(res.status).toBe(200);
    const actions = res.body.actions.map(
      (a: { id: string; attributes: object }) => [a.id, a.attributes],
    );
    expect(actions).toEqual([
      [
        'dora:get-dora-metrics',
        { readOnly: true, idempotent: true, destructive: false },
      ],
      [
        'dora:list-dora-incidents',
        { readOnly: true, idempotent: true, destructive: false },
      ],
    ]);
    expect(
      Object.keys(res.body.actions[0].schema.input.properties).sort(),
    ).toEqual(['entityRef', 'from', 'owner', 'to']);
  });

  it('answers with the caller’s visibility: a team counts only what the caller sees, a hidden entity is not found', async () => {
    const server = await start();
    const team = await invoke(server, 'get-dora-metrics', {
      owner: 'group:default/team-a',
      ...window,
    });
    expect(team.status).toBe(200);
    expect(team.body.output.metrics.entityRefs).toEqual([
      'component:default/a',
    ]);
    expect(team.body.output.metrics.deploymentFrequency.deployments).toBe(1);

    const bob = await invoke(
      server,
      'get-dora-metrics',
      { owner: 'group:default/team-a', ...window },
      'user:default/bob',
    );
    expect(bob.body.output.metrics.deploymentFrequency.deployments).toBe(2);

    const hidden = await invoke(server, 'list-dora-incidents', {
      entityRef: 'component:default/secret',
      ...window,
    });
    expect(hidden.status).toBe(404);
    const seen = await invoke(
      server,
      'list-dora-incidents',
      { entityRef: 'component:default/secret', ...window },
      'user:default/bob',
    );
    expect(seen.status).toBe(200);
    expect(seen.body.output.items).toEqual([
      expect.objectContaining({
        id: 'i1',
        link: { rule: 'latest-before', deployment: { source: 'ci', id: 's1' } },
      }),
    ]);
  });

  it('refuses bad input naming the field, with the HTTP route’s bounds', async () => {
    const server = await start();
    const tooLong = await invoke(server, 'get-dora-metrics', {
      entityRef: 'component:default/a',
      from: at(-800 * DAY),
      to: at(0),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toMatch(/from|window/);
    const both = await invoke(server, 'get-dora-metrics', {
      entityRef: 'component:default/a',
      owner: 'group:default/team-a',
    });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toBe(
      'Give exactly one of entityRef or owner',
    );
  });
});
