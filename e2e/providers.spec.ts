import { APIRequestContext, expect, test } from '@playwright/test';
import { createHmac } from 'node:crypto';

const TOKEN = process.env.PAVED_ROAD_API_TOKEN ?? 'e2e-test-token';
const auth = { Authorization: `Bearer ${TOKEN}` };
/** From app-config.e2e.yaml (dora.providers.pagerduty.webhookSecrets). */
const SECRET = 'e2e-pagerduty-webhook-secret';
const DAY = 86_400_000;

/** Resolved incidents of payments-api opened in a window the demo data never reaches. */
async function restoredIncidents(request: APIRequestContext, from: Date) {
  const to = new Date(from.getTime() + DAY);
  const response = await request.get(
    `/api/dora/metrics?entityRef=component:default/payments-api&from=${from.toISOString()}&to=${to.toISOString()}`,
    { headers: auth },
  );
  expect(response.ok()).toBe(true);
  return (await response.json()).timeToRestore.incidents as number;
}

test('the example app receives a signed PagerDuty webhook for payments-api, once', async ({
  request,
}) => {
  // 500 days ago: before the demo data's year, so only this test's incident.
  const day = new Date(Math.floor(Date.now() / DAY) * DAY - 500 * DAY);
  await expect
    .poll(
      async () =>
        (
          await request.get(
            '/api/catalog/entities/by-name/component/default/payments-api',
            { headers: auth },
          )
        ).status(),
      { timeout: 60_000 },
    )
    .toBe(200);
  const before = await restoredIncidents(request, day);

  const id = `PE2E${Date.now().toString(36).toUpperCase()}`;
  // A v3 webhook as PagerDuty documents it: incident.resolved for the
  // service that payments-api names in pagerduty.com/service-id.
  const body = JSON.stringify({
    event: {
      id: `01E2E${id}`,
      event_type: 'incident.resolved',
      resource_type: 'incident',
      occurred_at: new Date(day.getTime() + 3 * 3600_000).toISOString(),
      data: {
        id,
        type: 'incident',
        status: 'resolved',
        urgency: 'high',
        created_at: new Date(day.getTime() + 3600_000).toISOString(),
        service: { id: 'PPAY001', type: 'service_reference' },
      },
    },
  });
  const signature = `v1=${createHmac('sha256', SECRET)
    .update(body)
    .digest('hex')}`;
  const deliver = (sig: string) =>
    request.post('/api/dora/webhooks/pagerduty', {
      headers: {
        'Content-Type': 'application/json',
        'X-PagerDuty-Signature': sig,
      },
      data: body,
    });

  expect((await deliver('v1=00')).status()).toBe(401);
  expect((await deliver(signature)).status()).toBe(202);
  await expect.poll(() => restoredIncidents(request, day)).toBe(before + 1);

  // A replayed delivery updates the same incident: no duplicate.
  expect((await deliver(signature)).status()).toBe(202);
  expect(await restoredIncidents(request, day)).toBe(before + 1);
});
