import {
  TestDatabases,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { localBackendPassthrough } from '@paved-road/plugin-dora-node/testUtils';
import { setupServer } from 'msw/node';
import { component } from './__testUtils__/entities';
import { TOKEN } from './__testUtils__/fakePagerDuty';
import { startDoraBackend } from './__testUtils__/startDoraBackend';
import { SECRET_OLD, incidentDelivery, sign } from './__testUtils__/webhooks';

const server = setupServer(localBackendPassthrough);
registerMswTestHooks(server);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const entities = [component('payments', 'PPAY001')];
const pagerduty = { token: TOKEN, webhookSecrets: [SECRET_OLD] };

type Knex = Awaited<ReturnType<typeof databases.init>>;

async function storedIncident(knex: Knex, id: string) {
  const row = await knex('dora_incidents')
    .where({ source: 'pagerduty', external_id: id })
    .first();
  if (!row) return undefined;
  return {
    resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at),
  };
}

function signed(body: object) {
  const text = JSON.stringify(body);
  return { text, headers: { 'X-PagerDuty-Signature': sign(SECRET_OLD, text) } };
}

describe('PagerDuty webhook replays', () => {
  it.each(databases.eachSupportedId())(
    'a replayed delivery changes nothing, also after a restart and on another instance, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const first = await startDoraBackend({ knex, entities, pagerduty });
      const other = await startDoraBackend({ knex, entities, pagerduty });
      const resolve = signed(
        incidentDelivery({
          eventId: 'EV-RESOLVE',
          incidentId: 'QR1',
          type: 'incident.resolved',
          status: 'resolved',
          occurredAt: '2026-11-20T11:00:00.000Z',
        }),
      );
      expect(
        (await first.postWebhook(resolve.text, resolve.headers)).status,
      ).toBe(202);
      expect(await storedIncident(knex, 'QR1')).toEqual({
        resolvedAt: Date.parse('2026-11-20T11:00:00.000Z'),
      });

      // Someone fixes the stored row; a replay of the old delivery must not undo it.
      await knex('dora_incidents')
        .where({ source: 'pagerduty', external_id: 'QR1' })
        .update({ resolved_at: Date.parse('2026-11-20T12:00:00.000Z') });
      const expected = { resolvedAt: Date.parse('2026-11-20T12:00:00.000Z') };

      const onOther = await other.postWebhook(resolve.text, resolve.headers);
      expect(onOther.status).toBe(202);
      expect(await storedIncident(knex, 'QR1')).toEqual(expected);

      await first.backend.stop();
      const restarted = await startDoraBackend({ knex, entities, pagerduty });
      const afterRestart = await restarted.postWebhook(
        resolve.text,
        resolve.headers,
      );
      expect(afterRestart.status).toBe(202);
      expect(await storedIncident(knex, 'QR1')).toEqual(expected);
      expect(
        await knex('dora_webhook_deliveries').where({ provider: 'pagerduty' }),
      ).toHaveLength(1);
    },
    60_000,
  );

  it.each(databases.eachSupportedId())(
    'a stale delivery never reopens a resolved incident, also on another instance, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const first = await startDoraBackend({ knex, entities, pagerduty });
      const other = await startDoraBackend({ knex, entities, pagerduty });
      const triggered = signed(
        incidentDelivery({
          incidentId: 'QS1',
          occurredAt: '2026-11-20T10:05:00.000Z',
        }),
      );
      const resolved = signed(
        incidentDelivery({
          incidentId: 'QS1',
          type: 'incident.resolved',
          status: 'resolved',
          occurredAt: '2026-11-20T11:00:00.000Z',
        }),
      );
      // PagerDuty delivered them out of order: the resolution came first.
      expect(
        (await first.postWebhook(resolved.text, resolved.headers)).status,
      ).toBe(202);
      expect(
        (await other.postWebhook(triggered.text, triggered.headers)).status,
      ).toBe(202);
      expect(await storedIncident(knex, 'QS1')).toEqual({
        resolvedAt: Date.parse('2026-11-20T11:00:00.000Z'),
      });

      // A later change still goes through: the incident is reopened.
      const reopened = signed(
        incidentDelivery({
          incidentId: 'QS1',
          type: 'incident.reopened',
          occurredAt: '2026-11-20T12:00:00.000Z',
        }),
      );
      expect(
        (await first.postWebhook(reopened.text, reopened.headers)).status,
      ).toBe(202);
      expect(await storedIncident(knex, 'QS1')).toEqual({ resolvedAt: null });
    },
    60_000,
  );
});
