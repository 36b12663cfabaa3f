import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { DoraEntitySlos } from '@paved-road/plugin-dora-common';
import { createDatabases } from '../__testUtils__/fixtures';
import { DatabaseDoraStore } from '../database/DatabaseDoraStore';
import { DatabaseSloSnapshots } from './DatabaseSloSnapshots';
import { SloAlertNotifier, alertTransitions } from './SloAlertNotifier';
import { SloSnapshotRefresher } from './SloSnapshotRefresher';

jest.setTimeout(60_000);

const databases = createDatabases();
const REF = 'component:default/payments-api';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'paved-road.dev/openslo-ref': './slo.yaml' },
  },
  spec: { owner: 'group:default/payments' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
};

const slos = (status: string): DoraEntitySlos =>
  ({
    entityRef: REF,
    definitions: { type: 'annotation', location: './slo.yaml' },
    slos: [{ name: 'availability', displayName: 'Availability', status }],
  } as unknown as DoraEntitySlos);

describe('alertTransitions', () => {
  it.each([
    [undefined, 'page', ['started page']],
    ['ok', 'ticket', ['started ticket']],
    ['ticket', 'page', ['started page']],
    ['page', 'page', []],
    ['page', 'ticket', []],
    ['page', 'ok', ['resolved page']],
    ['ticket', 'no-data', []],
    ['ok', 'ok', []],
  ])('%s -> %s gives %j', (before, after, expected) => {
    expect(
      alertTransitions(
        before ? slos(before) : undefined,
        slos(after as string),
      ).map(t => `${t.kind} ${t.severity}`),
    ).toEqual(expected);
  });
});

describe.each(databases.eachSupportedId())(
  'SLO alert notifications on %p',
  id => {
    async function instance(
      knex: Awaited<ReturnType<typeof databases.init>>,
      status: { current: string },
      sent: NotificationSendOptions[],
      enabled = true,
    ) {
      const database = { getClient: async () => knex };
      const store = await DatabaseSloSnapshots.create({ database });
      let now = Date.parse('2026-12-04T08:00:00Z');
      const refresher = SloSnapshotRefresher.create({
        catalog: catalogServiceMock({ entities: [entity] }),
        auth: mockServices.auth(),
        compute: { computeForEntity: async () => slos(status.current) },
        configuredEntityRefs: () => [],
        store,
        logger: mockServices.logger.mock(),
        concurrency: 1,
        now: () => (now += 60_000),
        notifier: new SloAlertNotifier({
          knex,
          notifications: { send: async options => void sent.push(options) },
          logger: mockServices.logger.mock(),
          enabled,
        }),
      });
      return refresher;
    }

    async function migrated() {
      const knex = await databases.init(id);
      // The DORA store runs the plugin's migrations.
      await DatabaseDoraStore.create({
        database: { getClient: async () => knex },
        isProduction: () => true,
        productionSignature: 'test',
      });
      return knex;
    }

    it('tells the owner once when a page alert starts and once when it resolves', async () => {
      const knex = await migrated();
      const status = { current: 'ok' };
      const sent: NotificationSendOptions[] = [];
      const refresher = await instance(knex, status, sent);

      await refresher.run();
      expect(sent).toHaveLength(0);
      status.current = 'page';
      await refresher.run();
      await refresher.run();
      expect(sent).toHaveLength(1);
      expect(sent[0]).toEqual({
        recipients: { type: 'entity', entityRef: ['group:default/payments'] },
        payload: expect.objectContaining({
          title: 'SLO Availability of payments-api: page alert',
          link: '/catalog/default/component/payments-api',
          severity: 'high',
          topic: 'SLO alerts',
        }),
      });
      status.current = 'ok';
      await refresher.run();
      expect(sent.map(s => s.payload.title)).toEqual([
        'SLO Availability of payments-api: page alert',
        'SLO Availability of payments-api: page alert resolved',
      ]);
    });

    it('sends one notification when two instances compute the same alert at once', async () => {
      const knex = await migrated();
      const status = { current: 'ok' };
      const sent: NotificationSendOptions[] = [];
      const a = await instance(knex, status, sent);
      const b = await instance(knex, status, sent);
      await a.run();
      status.current = 'page';
      await Promise.all([a.run(), b.run()]);
      expect(sent).toHaveLength(1);
    });

    it('sends nothing when switched off', async () => {
      const knex = await migrated();
      const status = { current: 'ok' };
      const sent: NotificationSendOptions[] = [];
      const refresher = await instance(knex, status, sent, false);
      await refresher.run();
      status.current = 'page';
      await refresher.run();
      expect(sent).toHaveLength(0);
    });
  },
);
