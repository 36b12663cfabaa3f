import {
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { component, testScorecardConfig } from '../__testUtils__/fixtures';
import { scorecardPlugin } from '../plugin';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const owned = (entity: Entity, owner: string): Entity => ({
  ...entity,
  spec: { ...entity.spec, owner },
  relations: [{ type: 'ownedBy', targetRef: owner }],
});

/** Gold: owner, docs and the current golden path. */
const paymentsApi = () =>
  owned(
    component('payments-api', {
      title: 'Payments API',
      annotations: {
        'backstage.io/techdocs-ref': 'dir:.',
        'paved-road.dev/golden-path': 'node-service@1.1.0',
      },
    }),
    'group:default/payments',
  );

/** A catalog whose entities the test changes between passes. */
function mutableCatalog(state: { entities: Entity[] }) {
  const current = () => catalogServiceMock({ entities: state.entities });
  return createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () =>
      ({
        queryEntities: (...args: any[]) =>
          (current().queryEntities as any)(...args),
        getEntityByRef: (...args: any[]) =>
          (current().getEntityByRef as any)(...args),
        getEntitiesByRefs: (...args: any[]) =>
          (current().getEntitiesByRefs as any)(...args),
      } as any),
  });
}

/** A notification service that records what it is asked to send. */
function recordingNotifications(sent: NotificationSendOptions[], fail = false) {
  return createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      async send(options: NotificationSendOptions) {
        if (fail) throw new Error('Notifications backend not found');
        sent.push(options);
      },
    }),
  });
}

interface StartOptions {
  knex: Knex;
  state: { entities: Entity[] };
  sent: NotificationSendOptions[];
  config?: object;
  failSending?: boolean;
}

async function start(options: StartOptions) {
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory: typeof mockServices.scheduler.factory;
  };
  const backend = await startTestBackend({
    features: [
      scorecardPlugin,
      mockServices.database.factory({ knex: options.knex }),
      mutableCatalog(options.state),
      recordingNotifications(options.sent, options.failSending),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          scorecard: { ...testScorecardConfig, ...options.config },
          goldenPath: (options.config as any)?.goldenPath,
        } as any,
      }),
    ],
  });
  return {
    server: backend.server,
    stop: () => backend.stop(),
    pass: () => scheduler.triggerTask('scorecard-full-pass'),
    daily: () => scheduler.triggerTask('scorecard-notifications'),
  };
}

/** A second connection pool to the same database, as another instance has. */
function sameDatabase(id: TestDatabaseId, knex: Knex): Knex {
  return id.startsWith('POSTGRES')
    ? knexFactory({ ...knex.client.config })
    : knex;
}

const dropDocs = (state: { entities: Entity[] }) => {
  const entity = paymentsApi();
  delete entity.metadata.annotations!['backstage.io/techdocs-ref'];
  state.entities = [entity];
};

describe.each(databases.eachSupportedId())(
  'scorecard notifications on %p',
  id => {
    it('tells the owner once when an entity drops a level, with a link', async () => {
      const state = { entities: [paymentsApi()] };
      const sent: NotificationSendOptions[] = [];
      const backend = await start({
        knex: await databases.init(id),
        state,
        sent,
      });
      // The first evaluation (at start-up) never notifies.
      expect(sent).toEqual([]);

      dropDocs(state);
      await backend.pass();
      expect(sent).toEqual([
        {
          recipients: { type: 'entity', entityRef: ['group:default/payments'] },
          payload: {
            title: 'Payments API dropped from Gold to Bronze',
            description:
              'component:default/payments-api no longer holds the scorecard level Gold; failing: Has TechDocs. Open its scorecard for the fixes.',
            link: '/catalog/default/component/payments-api',
            severity: 'normal',
            topic: 'Scorecard levels',
            scope: 'paved-road:scorecard:level:component:default/payments-api',
            metadata: {
              entityRef: 'component:default/payments-api',
              fromLevel: 'gold',
              toLevel: 'bronze',
              failingChecks: ['has-docs'],
            },
          },
        },
      ]);

      // No change, no notification; a refresh of the same state neither.
      await backend.pass();
      const refreshed = await request(backend.server)
        .post('/api/scorecard/entities/component/default/payments-api/refresh')
        .set('Authorization', mockCredentials.user.header());
      expect(refreshed.body.level).toEqual({ id: 'bronze', title: 'Bronze' });
      expect(sent).toHaveLength(1);
    });

    it('sends one notification in total when two instances on one database evaluate the same drop', async () => {
      const knex = await databases.init(id);
      const other = sameDatabase(id, knex);
      const state = { entities: [paymentsApi()] };
      const sent: NotificationSendOptions[] = [];
      try {
        const a = await start({ knex, state, sent });
        const b = await start({ knex: other, state, sent });
        dropDocs(state);
        await Promise.all([a.pass(), b.pass(), a.pass(), b.pass()]);
        await Promise.all([a.pass(), b.pass()]);
        expect(sent.map(s => s.payload.title)).toEqual([
          'Payments API dropped from Gold to Bronze',
        ]);
      } finally {
        if (other !== knex) await other.destroy();
      }
    });

    it('sends nothing for a level drop switched off in config', async () => {
      const state = { entities: [paymentsApi()] };
      const sent: NotificationSendOptions[] = [];
      const backend = await start({
        knex: await databases.init(id),
        state,
        sent,
        config: { notifications: { levelDrop: false } },
      });
      dropDocs(state);
      await backend.pass();
      expect(sent).toEqual([]);
    });

    it('keeps scoring when the notifications service fails', async () => {
      const state = { entities: [paymentsApi()] };
      const backend = await start({
        knex: await databases.init(id),
        state,
        sent: [],
        failSending: true,
      });
      dropDocs(state);
      await backend.pass();
      const res = await request(backend.server)
        .get('/api/scorecard/entities/component/default/payments-api')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(res.body.level).toEqual({ id: 'bronze', title: 'Bronze' });
    });

    it('tells owners of lagging entities once when a golden-path version is released', async () => {
      const knex = await databases.init(id);
      const state = {
        entities: [
          paymentsApi(),
          owned(
            component('cart-service', {
              annotations: {
                'paved-road.dev/golden-path': 'node-service@1.0.0',
              },
            }),
            'group:default/checkout',
          ),
          owned(
            component('orders', {
              annotations: {
                'paved-road.dev/golden-path': 'node-service@1.2.0',
              },
            }),
            'group:default/checkout',
          ),
          owned(
            component('ml-service', {
              annotations: {
                'paved-road.dev/golden-path': 'python-service@1.0.0',
              },
            }),
            'group:default/data',
          ),
        ],
      };
      const sent: NotificationSendOptions[] = [];
      const withVersion = (version: string) => ({
        goldenPath: {
          archetypes: [{ id: 'node-service', title: 'Node service', version }],
        },
        checks: testScorecardConfig.checks.map(c =>
          c.id === 'golden-path-current'
            ? {
                ...c,
                remediation: {
                  template: 'template:default/golden-path-upgrade',
                },
              }
            : c,
        ),
      });

      // The first run only records the versions it sees.
      const before = await start({
        knex,
        state,
        sent,
        config: withVersion('1.1.0'),
      });
      await before.stop();
      expect(sent).toEqual([]);

      // The next release reaches the owners of entities on older versions.
      const after = await start({
        knex,
        state,
        sent,
        config: withVersion('1.2.0'),
      });
      const releases = sent.filter(
        s => s.payload.topic === 'Golden path releases',
      );
      expect(releases).toEqual([
        {
          recipients: { type: 'entity', entityRef: 'group:default/payments' },
          payload: expect.objectContaining({
            title: 'Golden path Node service 1.2.0 is out',
            description:
              'This entity is on an older version of Node service: payments-api. Upgrade with /create/templates/default/golden-path-upgrade.',
            link: '/catalog/default/component/payments-api',
            scope: 'paved-road:scorecard:golden-path:node-service@1.2.0',
          }),
        },
        {
          recipients: { type: 'entity', entityRef: 'group:default/checkout' },
          payload: expect.objectContaining({
            description: expect.stringContaining(': cart-service.'),
            link: '/catalog/default/component/cart-service',
          }),
        },
      ]);
      await after.daily();
      await after.stop();
      const again = await start({
        knex,
        state,
        sent,
        config: withVersion('1.2.0'),
      });
      await again.daily();
      expect(
        sent.filter(s => s.payload.topic === 'Golden path releases'),
      ).toHaveLength(2);
    });

    it('reminds owners of entities not done once when a campaign deadline is near', async () => {
      const inDays = (n: number) =>
        new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
      const campaign = (campaignId: string, days: number) => ({
        id: campaignId,
        title: `Docs ${campaignId}`,
        goal: { check: 'has-docs' },
        filter: { kind: ['component'] },
        deadline: inDays(days),
        owner: 'group:default/platform',
      });
      const state = {
        entities: [
          paymentsApi(),
          owned(component('cart-service'), 'group:default/checkout'),
          owned(component('basket'), 'group:default/checkout'),
        ],
      };
      const reminders = (sent: NotificationSendOptions[]) =>
        sent.filter(s => s.payload.topic === 'Scorecard campaigns');
      const sent: NotificationSendOptions[] = [];
      const backend = await start({
        knex: await databases.init(id),
        state,
        sent,
        config: { campaigns: [campaign('soon', 5), campaign('later', 30)] },
      });
      await backend.pass();
      await backend.daily();
      await backend.daily();
      expect(reminders(sent)).toEqual([
        {
          recipients: { type: 'entity', entityRef: 'group:default/checkout' },
          payload: expect.objectContaining({
            title: 'Docs soon: due in 5 days',
            description: `2 entities you own are not done yet (deadline ${inDays(
              5,
            )}): basket, cart-service.`,
            link: '/scorecard?campaign=soon',
            scope: 'paved-road:scorecard:campaign:soon',
          }),
        },
      ]);

      const off: NotificationSendOptions[] = [];
      const switchedOff = await start({
        knex: await databases.init(id),
        state,
        sent: off,
        config: {
          campaigns: [campaign('soon', 5)],
          notifications: { campaignReminder: { enabled: false } },
        },
      });
      await switchedOff.pass();
      await switchedOff.daily();
      expect(reminders(off)).toEqual([]);
    });

    it('fails start-up on bad notifications config, naming the key', async () => {
      await expect(
        start({
          knex: await databases.init(id),
          state: { entities: [] },
          sent: [],
          config: { notifications: { campaignReminder: { daysBefore: 0 } } },
        }),
      ).rejects.toThrow(
        'scorecard.notifications.campaignReminder.daysBefore: expected at least 1 day',
      );
    });
  },
);
