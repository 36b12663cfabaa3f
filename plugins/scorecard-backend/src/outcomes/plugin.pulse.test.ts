import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  ADA,
  GUEST,
  NOBODY,
  startOutcomesBackend,
  useFakeScaffolder,
} from '../__testUtils__/outcomesBackend';
import { quarterOf } from './nps';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
useFakeScaffolder();

describe.each(databases.eachSupportedId())('outcomes pulses on %p', id => {
  const start = async () => startOutcomesBackend(await databases.init(id));

  it('stores one pulse per user, template and quarter, computes NPS and shows comments to the platform team only', async () => {
    const api = await start();
    const node = 'template:default/node-service';
    const first = await api.post('/outcomes/pulse', {
      templateRef: node,
      score: 10,
      comment: 'Great start',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      templateRef: node,
      userRef: GUEST,
      score: 10,
      quarter: quarterOf(new Date()),
    });
    // The guest's second answer this quarter replaces the first.
    const second = await api.post('/outcomes/pulse', {
      templateRef: 'Template:default/Node-Service',
      score: 6,
      comment: 'Slower builds now',
    });
    expect(second.status).toBe(200);
    expect(
      (await api.post('/outcomes/pulse', { templateRef: node, score: 9 }, ADA))
        .status,
    ).toBe(201);
    expect(
      (
        await api.post(
          '/outcomes/pulse',
          { templateRef: 'python-service', score: 3 },
          ADA,
        )
      ).status,
    ).toBe(201);
    // An answer of an earlier quarter, as a past release stored it.
    await api.knex('scorecard_outcomes_pulse').insert({
      user_ref: 'user:default/old',
      template_ref: node,
      quarter: '2020-Q1',
      score: 10,
      comment: null,
      answered_at: Date.parse('2020-02-01T00:00:00Z'),
    });

    const res = await api.get('/outcomes');
    expect(res.status).toBe(200);
    // node: 6 (detractor), 9 and 10 (promoters) -> 100 * (2 - 1) / 3.
    // python: 3 (detractor) -> -100.
    expect(res.body.pulse.byTemplate).toEqual([
      {
        templateRef: node,
        answers: 3,
        promoters: 2,
        passives: 0,
        detractors: 1,
        nps: 33.3,
      },
      {
        templateRef: 'template:default/python-service',
        answers: 1,
        promoters: 0,
        passives: 0,
        detractors: 1,
        nps: -100,
      },
    ]);
    // This quarter: 6, 9, 3 -> 100 * (1 - 2) / 3.
    expect(res.body.pulse.history).toEqual([
      {
        quarter: '2020-Q1',
        answers: 1,
        promoters: 1,
        passives: 0,
        detractors: 0,
        nps: 100,
      },
      {
        quarter: quarterOf(new Date()),
        answers: 3,
        promoters: 1,
        passives: 0,
        detractors: 2,
        nps: -33.3,
      },
    ]);

    const refused = await api.get('/outcomes/pulse/comments');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      'scorecard.outcomes.comments.read',
    );
    const comments = await api.get(
      `/outcomes/pulse/comments?templateRef=${encodeURIComponent(node)}`,
      ADA,
    );
    expect(comments.status).toBe(200);
    expect(comments.body.items).toEqual([
      {
        templateRef: node,
        quarter: quarterOf(new Date()),
        score: 6,
        comment: 'Slower builds now',
        userRef: GUEST,
        answeredAt: expect.any(String),
      },
    ]);
  });

  it('refuses bad pulses naming the field, callers without credentials and a denying policy', async () => {
    const api = await start();
    const bad: Array<[object, string]> = [
      [{ templateRef: 'template:default/x', score: 11 }, "'score'"],
      [{ templateRef: 'template:default/x', score: 7.5 }, "'score'"],
      [{ templateRef: 'template:default/x' }, "'score'"],
      [{ templateRef: 'component:default/x', score: 5 }, "'templateRef'"],
      [{ score: 5 }, "'templateRef'"],
      [{ templateRef: 'template:default/made-up', score: 5 }, "'templateRef'"],
      [
        {
          templateRef: 'template:default/x',
          score: 5,
          comment: 'x'.repeat(1001),
        },
        "'comment'",
      ],
    ];
    for (const [body, field] of bad) {
      const res = await api.post('/outcomes/pulse', body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(field);
    }
    const badRef = await api.get(
      '/outcomes/pulse/comments?templateRef=x:y:z',
      ADA,
    );
    expect(badRef.status).toBe(400);
    expect(badRef.body.error.message).toContain("'templateRef'");

    for (const [method, path] of [
      ['get', '/outcomes'],
      ['post', '/outcomes/pulse'],
      ['get', '/outcomes/pulse/comments'],
    ] as const) {
      const anon = await api.anonymous[method](`/api/scorecard${path}`)
        .set('Authorization', mockCredentials.none.header())
        .send(
          method === 'post'
            ? { templateRef: 'template:default/x', score: 5 }
            : undefined,
        );
      expect(anon.status).toBe(401);
      const denied =
        method === 'post'
          ? await api.post(
              path,
              { templateRef: 'template:default/x', score: 5 },
              NOBODY,
            )
          : await api.get(path, NOBODY);
      expect(denied.status).toBe(403);
      expect(denied.body.error.name).toBe('NotAllowedError');
    }
    expect(
      await api.knex('scorecard_outcomes_pulse').count({ n: '*' }),
    ).toEqual([{ n: expect.anything() }]);
    const [{ n }] = await api
      .knex('scorecard_outcomes_pulse')
      .count({ n: '*' });
    expect(Number(n)).toBe(0);
  });
});
