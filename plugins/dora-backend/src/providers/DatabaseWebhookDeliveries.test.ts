import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { DatabaseWebhookDeliveries } from './DatabaseWebhookDeliveries';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15'],
});

describe.each(databases.eachSupportedId())('webhook deliveries on %p', id => {
  async function setup() {
    const knex = await databases.init(id);
    await knex.migrate.latest({
      directory: resolvePackagePath(
        '@paved-road/plugin-dora-backend',
        'migrations',
      ),
    });
    return knex;
  }

  it('takes an id once per provider, across instances sharing the database', async () => {
    const knex = await setup();
    const one = new DatabaseWebhookDeliveries(knex);
    const two = new DatabaseWebhookDeliveries(knex);
    expect(await one.take('github', 'd-1')).toBe(true);
    expect(await one.take('github', 'd-1')).toBe(false);
    expect(await two.take('github', 'd-1')).toBe(false);
    expect(await two.take('pagerduty', 'd-1')).toBe(true);
    const concurrent = await Promise.all([
      one.take('github', 'd-2'),
      two.take('github', 'd-2'),
    ]);
    expect(concurrent.sort()).toEqual([false, true]);
  });

  it('takes a released id again', async () => {
    const knex = await setup();
    const deliveries = new DatabaseWebhookDeliveries(knex);
    expect(await deliveries.take('gitlab', 'k')).toBe(true);
    await deliveries.release('gitlab', 'k');
    expect(await deliveries.take('gitlab', 'k')).toBe(true);
  });

  it('purges ids older than the TTL at most once per purge interval', async () => {
    const knex = await setup();
    const deliveries = new DatabaseWebhookDeliveries(knex, {
      ttlMs: 1000,
      purgeEveryMs: 10_000,
    });
    const t0 = 1_000_000;
    expect(await deliveries.take('github', 'old', t0)).toBe(true);
    // Within the purge interval: still remembered, although past the TTL.
    expect(await deliveries.take('github', 'old', t0 + 5000)).toBe(false);
    expect(await deliveries.take('github', 'old', t0 + 20_000)).toBe(true);
    expect(
      await knex('dora_webhook_deliveries').where({ provider: 'github' }),
    ).toHaveLength(1);
  });

  it('tells a delivery older than the recorded change of its object as stale', async () => {
    const knex = await setup();
    const one = new DatabaseWebhookDeliveries(knex);
    const two = new DatabaseWebhookDeliveries(knex);
    expect(await one.isStale('pagerduty', 'Q1', 2000)).toBe(false);
    expect(await two.isStale('pagerduty', 'Q1', 1000)).toBe(true);
    expect(await two.isStale('pagerduty', 'Q1', 2000)).toBe(false);
    expect(await two.isStale('pagerduty', 'Q2', 1000)).toBe(false);
    expect(await one.isStale('pagerduty', 'Q1', 3000)).toBe(false);
    expect(await one.isStale('pagerduty', 'Q1', 2500)).toBe(true);
    expect(await one.isStale('incident-io', 'Q1', 1)).toBe(false);
  });
});
