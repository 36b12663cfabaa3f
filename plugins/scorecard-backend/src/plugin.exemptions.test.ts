import {
  AuditorService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsServiceRequestOptions,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import request from 'supertest';
import { component, testScorecardConfig } from './__testUtils__/fixtures';
import { ADMIN, hidingCatalog } from './__testUtils__/hidingCatalog';
import { scorecardPlugin } from './plugin';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const OWNER = 'user:default/owner';
const APPROVER = 'user:default/approver';
const DAY = 86_400_000;

const entities = [
  component('cart-service'),
  component('locked-service'),
  component('secret-service'),
  component('website', {}, { type: 'website' }),
];

type Policy = (
  request: AuthorizePermissionRequest,
  user: string | undefined,
) => AuthorizeResult.ALLOW | AuthorizeResult.DENY;

/**
 * Approving is for the approver and the admin only; nobody may request
 * exemptions for `locked-service`; everything else is allowed.
 */
const examplePolicy: Policy = (req, user) => {
  if (req.permission.name === 'scorecard.exemption.approve') {
    return user === APPROVER || user === ADMIN
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  }
  if (
    req.permission.name === 'scorecard.exemption.request' &&
    'resourceRef' in req &&
    req.resourceRef === 'component:default/locked-service'
  ) {
    return AuthorizeResult.DENY;
  }
  return AuthorizeResult.ALLOW;
};

interface AuditRecord {
  eventId: string;
  status: 'succeeded' | 'failed';
  meta: Record<string, unknown>;
  error?: string;
  actor?: string;
}

const userOf = (credentials: BackstageCredentials) =>
  (credentials.principal as { userEntityRef?: string }).userEntityRef;

/**
 * The auditor service, keeping what the plugin reports; the actor comes
 * from the request's credentials, as in Backstage's own auditor.
 */
function recordingAuditor(records: AuditRecord[]) {
  return createServiceFactory({
    service: coreServices.auditor,
    deps: { httpAuth: coreServices.httpAuth },
    factory: ({ httpAuth }): AuditorService => ({
      async createEvent(options) {
        const credentials = options.request
          ? await httpAuth.credentials(options.request)
          : undefined;
        const done =
          (status: AuditRecord['status']) =>
          async (params?: { meta?: object; error?: Error }) => {
            records.push({
              eventId: options.eventId,
              status,
              meta: { ...options.meta, ...params?.meta },
              error: params?.error?.message,
              actor: credentials && userOf(credentials),
            });
          };
        return { success: done('succeeded'), fail: done('failed') };
      },
    }),
  });
}

async function start(
  id: TestDatabaseId,
  options: { exemptions?: object; policy?: Policy } = {},
) {
  const knex = await databases.init(id);
  const policy = options.policy ?? examplePolicy;
  const audit: AuditRecord[] = [];
  // The mock scheduler instance is also its own factory, so the test can
  // run the full pass when it wants to.
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory: typeof mockServices.scheduler.factory;
  };
  const permissions = mockServices.permissions.mock({
    authorize: async (
      requests: AuthorizePermissionRequest[],
      opts: PermissionsServiceRequestOptions,
    ) => requests.map(r => ({ result: policy(r, userOf(opts.credentials)) })),
  });
  const { server } = await startTestBackend({
    features: [
      scorecardPlugin,
      mockServices.database.factory({ knex }),
      hidingCatalog(entities, ['secret-service']),
      permissions.factory,
      recordingAuditor(audit),
      scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          scorecard: {
            ...testScorecardConfig,
            ...(options.exemptions ? { exemptions: options.exemptions } : {}),
          },
        },
      }),
    ],
  });
  const as = (user: string) => mockCredentials.user.header(user);
  const api = {
    request: (name: string, body: object, user = OWNER) =>
      request(server)
        .post(`/api/scorecard/entities/component/default/${name}/exemptions`)
        .set('Authorization', as(user))
        .send(body),
    decide: (exemptionId: string, body: object, user = APPROVER) =>
      request(server)
        .post(`/api/scorecard/exemptions/${exemptionId}/decision`)
        .set('Authorization', as(user))
        .send(body),
    list: (query: string, user = APPROVER) =>
      request(server)
        .get(`/api/scorecard/exemptions?${query}`)
        .set('Authorization', as(user)),
    scorecard: (name: string, user = OWNER) =>
      request(server)
        .get(`/api/scorecard/entities/component/default/${name}`)
        .set('Authorization', as(user)),
    overview: (query: string, user = OWNER) =>
      request(server)
        .get(`/api/scorecard/overview?${query}`)
        .set('Authorization', as(user)),
    pass: () => scheduler.triggerTask('scorecard-full-pass'),
  };
  return { server, api, audit };
}

const inDays = (days: number) =>
  new Date(Date.now() + days * DAY).toISOString();
const docsRequest = (extra: object = {}) => ({
  checkId: 'has-docs',
  justification: 'Docs live in the vendor portal until Q2',
  expiresAt: inDays(30),
  ...extra,
});
const statusOf = (body: any, checkId: string) =>
  body.checks.find((c: { id: string }) => c.id === checkId);

describe.each(databases.eachSupportedId())('scorecard exemptions on %p', id => {
  it('request, approve: the check is exempt, counts as passing, shows in the overview filter and is audited', async () => {
    const { api, audit } = await start(id);
    const before = await api.scorecard('cart-service');
    expect(before.body).toMatchObject({ score: 25, level: { id: 'bronze' } });

    const requested = await api.request('cart-service', docsRequest());
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({
      entityRef: 'component:default/cart-service',
      checkId: 'has-docs',
      justification: 'Docs live in the vendor portal until Q2',
      requestedBy: OWNER,
      status: 'pending',
      decidedBy: null,
    });
    const exemptionId = requested.body.id;
    // Pending changes nothing yet.
    expect(
      statusOf((await api.scorecard('cart-service')).body, 'has-docs'),
    ).toMatchObject({ status: 'fail' });
    const pending = await api.list('status=pending');
    expect(pending.body.items.map((e: { id: string }) => e.id)).toEqual([
      exemptionId,
    ]);

    const approved = await api.decide(exemptionId, {
      decision: 'approve',
      comment: 'Fine until the migration',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedBy: APPROVER,
      comment: 'Fine until the migration',
    });

    await api.pass();
    const after = await api.scorecard('cart-service');
    expect(after.body).toMatchObject({
      score: 75,
      level: { id: 'silver' },
      nextLevel: { id: 'gold' },
    });
    expect(statusOf(after.body, 'has-docs')).toMatchObject({
      status: 'exempt',
      exemption: {
        id: exemptionId,
        justification: 'Docs live in the vendor portal until Q2',
        expiresAt: requested.body.expiresAt,
        approvedBy: APPROVER,
      },
    });

    const names = async (query: string) =>
      (await api.overview(query)).body.items.map(
        (i: { name: string }) => i.name,
      );
    expect(await names('exempt=has-docs')).toEqual(['cart-service']);
    expect(await names('exempt=*')).toEqual(['cart-service']);
    expect(await names('exempt=has-owner')).toEqual([]);
    expect(await names('failing=has-docs')).toEqual([
      'locked-service',
      'website',
    ]);
    const row = (await api.overview('exempt=*')).body.items[0];
    expect(row).toMatchObject({
      exemptChecks: ['has-docs'],
      failingChecks: ['golden-path-current'],
    });

    expect(audit).toEqual([
      expect.objectContaining({
        eventId: 'exemption-request',
        status: 'succeeded',
        actor: OWNER,
        meta: expect.objectContaining({
          entityRef: 'component:default/cart-service',
          exemptionId,
          checkId: 'has-docs',
          status: 'pending',
        }),
      }),
      expect.objectContaining({
        eventId: 'exemption-decision',
        status: 'succeeded',
        actor: APPROVER,
        meta: expect.objectContaining({
          exemptionId,
          entityRef: 'component:default/cart-service',
          status: 'approved',
        }),
      }),
    ]);
  });

  it('deny: the check keeps failing, and a new request may follow', async () => {
    const { api } = await start(id);
    const requested = await api.request('cart-service', docsRequest());
    const denied = await api.decide(requested.body.id, { decision: 'deny' });
    expect(denied.body).toMatchObject({
      status: 'denied',
      decidedBy: APPROVER,
      comment: null,
    });
    await api.pass();
    const after = await api.scorecard('cart-service');
    expect(after.body.score).toBe(25);
    expect(statusOf(after.body, 'has-docs').status).toBe('fail');
    expect((await api.request('cart-service', docsRequest())).status).toBe(201);
    const all = await api.list('entityRef=component:default/cart-service');
    expect(all.body.items.map((e: { status: string }) => e.status)).toEqual([
      'denied',
      'pending',
    ]);
  });

  it('allows one pending or approved exemption per entity and check (409), and decides once (409)', async () => {
    const { api } = await start(id);
    const first = await api.request('cart-service', docsRequest());
    const second = await api.request('cart-service', docsRequest());
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      name: 'ConflictError',
      message:
        "Invalid 'checkId': 'component:default/cart-service' already has a pending or approved exemption from 'has-docs'",
    });
    // Another check of the same entity is fine.
    expect(
      (
        await api.request(
          'cart-service',
          docsRequest({ checkId: 'golden-path-current' }),
        )
      ).status,
    ).toBe(201);
    await api.decide(first.body.id, { decision: 'approve' });
    expect((await api.request('cart-service', docsRequest())).status).toBe(409);
    const again = await api.decide(first.body.id, { decision: 'deny' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `Exemption '${first.body.id}' is already approved; only pending exemptions can be decided`,
    );
  });

  it('auto-approves when configured, and the card shows it at once', async () => {
    const { api, audit } = await start(id, {
      exemptions: { autoApprove: true },
    });
    const requested = await api.request('cart-service', docsRequest());
    expect(requested.body).toMatchObject({
      status: 'approved',
      decidedBy: 'auto-approve',
    });
    const after = await api.scorecard('cart-service');
    expect(after.body.score).toBe(75);
    expect(statusOf(after.body, 'has-docs').exemption.approvedBy).toBe(
      'auto-approve',
    );
    expect(audit).toEqual([
      expect.objectContaining({
        eventId: 'exemption-request',
        status: 'succeeded',
        meta: expect.objectContaining({
          status: 'approved',
          decidedBy: 'auto-approve',
        }),
      }),
    ]);
  });

  it('expires at the first pass after expiresAt: audited, and the check is evaluated normally again', async () => {
    const { api, audit } = await start(id);
    const expiresAt = new Date(Date.now() + 4000);
    const requested = await api.request(
      'cart-service',
      docsRequest({ expiresAt: expiresAt.toISOString() }),
    );
    await api.decide(requested.body.id, { decision: 'approve' });
    expect(
      statusOf((await api.scorecard('cart-service')).body, 'has-docs').status,
    ).toBe('exempt');

    await new Promise(r =>
      setTimeout(r, Math.max(0, expiresAt.getTime() - Date.now() + 50)),
    );
    await api.pass();
    const after = await api.scorecard('cart-service');
    expect(after.body.score).toBe(25);
    expect(statusOf(after.body, 'has-docs')).toMatchObject({ status: 'fail' });
    expect(statusOf(after.body, 'has-docs').exemption).toBeUndefined();
    const expired = await api.list('status=expired');
    expect(expired.body.items).toEqual([
      expect.objectContaining({ id: requested.body.id, status: 'expired' }),
    ]);
    expect(audit.filter(a => a.eventId === 'exemption-expire')).toEqual([
      expect.objectContaining({
        status: 'succeeded',
        meta: expect.objectContaining({
          exemptionId: requested.body.id,
          entityRef: 'component:default/cart-service',
          checkId: 'has-docs',
          previousStatus: 'approved',
        }),
      }),
    ]);
    // A second pass expires nothing more.
    await api.pass();
    expect(audit.filter(a => a.eventId === 'exemption-expire')).toHaveLength(1);
  });

  it('rejects bad requests with 400 naming the field, and audits them as failed', async () => {
    const { api, audit } = await start(id, {
      exemptions: { maxDuration: { days: 30 } },
    });
    const cases: Array<[string, object, string]> = [
      [
        'cart-service',
        { checkId: 'nope' },
        "Invalid 'checkId': no check 'nope' applies to 'component:default/cart-service'",
      ],
      [
        'website',
        { checkId: 'golden-path-current' },
        "Invalid 'checkId': no check 'golden-path-current' applies to 'component:default/website'",
      ],
      [
        'cart-service',
        { checkId: undefined },
        "Invalid 'checkId': expected a check id",
      ],
      [
        'cart-service',
        { justification: 'too short' },
        "Invalid 'justification': expected 10 to 2000 characters",
      ],
      [
        'cart-service',
        { justification: 'x'.repeat(2001) },
        "Invalid 'justification': expected 10 to 2000 characters",
      ],
      [
        'cart-service',
        { expiresAt: 'next week' },
        "Invalid 'expiresAt': expected an ISO 8601 time",
      ],
      [
        'cart-service',
        { expiresAt: inDays(-1) },
        "Invalid 'expiresAt': expected a time in the future",
      ],
      [
        'cart-service',
        { expiresAt: inDays(31) },
        "Invalid 'expiresAt': expected at most 30 days from now (scorecard.exemptions.maxDuration)",
      ],
    ];
    for (const [name, extra, message] of cases) {
      const res = await api.request(name, docsRequest(extra));
      expect({
        name,
        extra,
        status: res.status,
        message: res.body.error?.message,
      }).toEqual({
        name,
        extra,
        status: 400,
        message: expect.stringContaining(message),
      });
    }
    expect(
      (
        await api.request(
          'cart-service',
          docsRequest({ expiresAt: inDays(29) }),
        )
      ).status,
    ).toBe(201);
    expect(audit.filter(a => a.status === 'failed')).toHaveLength(cases.length);

    const pending = (await api.list('status=pending')).body.items[0];
    for (const [body, message] of [
      [
        { decision: 'maybe' },
        "Invalid 'decision': expected 'approve' or 'deny'",
      ],
      [
        { decision: 'deny', comment: 'x'.repeat(2001) },
        "Invalid 'comment': expected at most 2000 characters",
      ],
    ] as const) {
      const res = await api.decide(pending.id, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(message);
    }
    for (const [query, message] of [
      [
        'status=open',
        "Invalid 'status': expected one or more of pending, approved, denied, expired",
      ],
      ['limit=501', "Invalid 'limit': expected a whole number from 1 to 500"],
      ['entityRef=nope', "Invalid 'entityRef'"],
      ['cursor=nope', "Invalid 'cursor'"],
    ]) {
      const res = await api.list(query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.error.message).toContain(message);
    }
  });

  it('guards each route: 404 for unseen entities, 403 without the permission', async () => {
    const { api, audit } = await start(id);
    const hidden = await api.request('secret-service', docsRequest());
    const unknown = await api.request('no-such-service', docsRequest());
    expect([hidden.status, unknown.status]).toEqual([404, 404]);
    expect(hidden.body.error.message).toBe(
      "No entity 'component:default/secret-service' in the catalog",
    );
    const locked = await api.request('locked-service', docsRequest());
    expect(locked.status).toBe(403);
    expect(locked.body.error).toMatchObject({
      name: 'NotAllowedError',
      message:
        "Not allowed to request exemptions for 'component:default/locked-service' ('scorecard.exemption.request')",
    });

    const secret = await api.request('secret-service', docsRequest(), ADMIN);
    const visible = await api.request('cart-service', docsRequest());
    expect([secret.status, visible.status]).toEqual([201, 201]);

    // The owner may not approve; the approver cannot see the secret one.
    const notApprover = await api.decide(
      visible.body.id,
      { decision: 'approve' },
      OWNER,
    );
    expect(notApprover.status).toBe(403);
    expect(notApprover.body.error.message).toBe(
      "Not allowed to approve or deny exemptions ('scorecard.exemption.approve')",
    );
    const unseen = await api.decide(secret.body.id, { decision: 'approve' });
    const missing = await api.decide('no-such-id', { decision: 'approve' });
    expect([unseen.status, missing.status]).toEqual([404, 404]);
    expect(unseen.body.error.message).toBe(`No exemption '${secret.body.id}'`);

    // The list leaves out exemptions of entities the caller cannot read.
    const seen = await api.list('status=pending');
    expect(
      seen.body.items.map((e: { entityRef: string }) => e.entityRef),
    ).toEqual(['component:default/cart-service']);
    const all = await api.list('status=pending', ADMIN);
    expect(all.body.items).toHaveLength(2);

    expect(
      audit
        .filter(a => a.status === 'failed')
        .map(a => [a.eventId, a.actor, a.error?.split(' (')[0]]),
    ).toEqual([
      [
        'exemption-request',
        OWNER,
        "No entity 'component:default/secret-service' in the catalog",
      ],
      [
        'exemption-request',
        OWNER,
        "No entity 'component:default/no-such-service' in the catalog",
      ],
      [
        'exemption-request',
        OWNER,
        "Not allowed to request exemptions for 'component:default/locked-service'",
      ],
      [
        'exemption-decision',
        OWNER,
        'Not allowed to approve or deny exemptions',
      ],
      ['exemption-decision', APPROVER, `No exemption '${secret.body.id}'`],
      ['exemption-decision', APPROVER, "No exemption 'no-such-id'"],
    ]);
  });

  it('answers like an unknown entity on every exemption route when scorecard.entity.read is denied', async () => {
    let denyRead = false;
    const { api } = await start(id, {
      policy: (req, user) =>
        denyRead && req.permission.name === 'scorecard.entity.read'
          ? AuthorizeResult.DENY
          : examplePolicy(req, user),
    });
    const stored = await api.request('cart-service', docsRequest());
    expect(stored.status).toBe(201);
    denyRead = true;
    const requested = await api.request('cart-service', docsRequest());
    const decision = await api.decide(stored.body.id, { decision: 'approve' });
    const list = await api.list('entityRef=component:default/cart-service');
    expect([requested.status, decision.status, list.status]).toEqual([
      404, 404, 200,
    ]);
    expect(requested.body.error.message).toBe(
      "No entity 'component:default/cart-service' in the catalog",
    );
    expect(decision.body.error.message).toBe(
      `No exemption '${stored.body.id}'`,
    );
    expect(list.body).toEqual({ items: [], nextCursor: null });
  });

  it('pages the list with bounded pages and opaque cursors', async () => {
    const { api } = await start(id);
    for (const checkId of ['has-owner', 'has-docs', 'golden-path-current']) {
      expect(
        (await api.request('cart-service', docsRequest({ checkId }))).status,
      ).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await api.list(
        `limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((e: { checkId: string }) => e.checkId));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 5);
    expect(seen).toEqual(['has-owner', 'has-docs', 'golden-path-current']);
    expect(pages).toBe(2);
  });

  it('registers the exemption permissions and serves the exemption policy with the checks', async () => {
    const { server } = await start(id, {
      exemptions: { maxDuration: '14d', autoApprove: false },
    });
    const metadata = await request(server)
      .get('/api/scorecard/.well-known/backstage/permissions/metadata')
      .set('Authorization', mockCredentials.service.header());
    expect(metadata.body.permissions).toEqual(
      expect.arrayContaining([
        {
          type: 'resource',
          name: 'scorecard.exemption.request',
          attributes: { action: 'create' },
          resourceType: 'catalog-entity',
        },
        {
          type: 'basic',
          name: 'scorecard.exemption.approve',
          attributes: { action: 'update' },
        },
      ]),
    );
    const checks = await request(server)
      .get('/api/scorecard/checks')
      .set('Authorization', mockCredentials.user.header(OWNER));
    expect(checks.body.exemptions).toEqual({
      maxDurationMs: 14 * DAY,
      autoApprove: false,
    });
  });

  it('fails start-up on a malformed exemptions config, naming the key', async () => {
    await expect(
      start(id, { exemptions: { maxDuration: 'forever' } }),
    ).rejects.toThrow('scorecard.exemptions.maxDuration');
    await expect(
      start(id, { exemptions: { autoApprove: 'yes please' } }),
    ).rejects.toThrow(
      'Invalid scorecard configuration: scorecard.exemptions.autoApprove: expected true or false',
    );
  });
});
