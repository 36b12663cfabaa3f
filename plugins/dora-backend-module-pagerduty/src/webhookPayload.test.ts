import { AuthenticationError, InputError } from '@backstage/errors';
import {
  parseWebhookPayload,
  verifyPagerDutySignature,
} from './webhookPayload';
import {
  SECRET_NEW,
  SECRET_OLD,
  incidentDelivery,
  sign,
} from './__testUtils__/webhooks';

const body = JSON.stringify(incidentDelivery({}));
const raw = Buffer.from(body);

describe('verifyPagerDutySignature', () => {
  it('accepts a signature made with the configured secret', () => {
    expect(() =>
      verifyPagerDutySignature(sign(SECRET_OLD, body), raw, [SECRET_OLD]),
    ).not.toThrow();
  });

  it('accepts during rotation when the second of several signatures matches', () => {
    const header = `v1=${'0'.repeat(64)}, ${sign(SECRET_NEW, body)}`;
    expect(() =>
      verifyPagerDutySignature(header, raw, [SECRET_OLD, SECRET_NEW]),
    ).not.toThrow();
    expect(() => verifyPagerDutySignature(header, raw, [SECRET_OLD])).toThrow(
      AuthenticationError,
    );
  });

  it.each([
    ['a missing header', undefined, /Missing 'X-PagerDuty-Signature'/],
    ['another version only', `v0=${'a'.repeat(64)}`, /Missing/],
    ['a wrong secret', sign('guess', body), /Invalid 'X-PagerDuty-Signature'/],
    [
      'a signature of another body',
      sign(SECRET_OLD, `${body} `),
      /Invalid 'X-PagerDuty-Signature'/,
    ],
  ])('refuses %s with an AuthenticationError', (_, header, message) => {
    const error = (() => {
      try {
        verifyPagerDutySignature(header, raw, [SECRET_OLD]);
        return undefined;
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain(SECRET_OLD);
  });
});

describe('parseWebhookPayload', () => {
  const parse = (payload: unknown) =>
    parseWebhookPayload(Buffer.from(JSON.stringify(payload)));

  it('reads an incident, its service, priority and urgency', () => {
    expect(parse(incidentDelivery({ priority: 'P2' }))).toEqual({
      id: 'Q1WEB',
      status: 'triggered',
      created_at: '2026-11-20T10:00:00.000Z',
      service: { id: 'PPAY001' },
      urgency: 'high',
      priority: { summary: 'P2' },
    });
  });

  it('takes the resolution time from incident.resolved', () => {
    expect(
      parse(
        incidentDelivery({
          type: 'incident.resolved',
          status: 'resolved',
          occurredAt: '2026-11-20T11:00:00.000Z',
        }),
      ),
    ).toMatchObject({ resolved_at: '2026-11-20T11:00:00.000Z' });
  });

  it('ignores later changes of a resolved incident, other resources and incident notes', () => {
    expect(
      parse(
        incidentDelivery({
          type: 'incident.priority_updated',
          status: 'resolved',
        }),
      ),
    ).toBeUndefined();
    expect(
      parse({ event: { event_type: 'service.updated', data: {} } }),
    ).toBeUndefined();
    expect(parse({ event: { event_type: 'pagey.ping' } })).toBeUndefined();
    const note = incidentDelivery({ type: 'incident.annotated' });
    (note.event.data as { type: string }).type = 'incident_note';
    expect(parse(note)).toBeUndefined();
  });

  const malformed = (change: (d: any) => void) => {
    const payload: any = incidentDelivery({});
    change(payload);
    return payload;
  };

  it.each([
    ['event', malformed(p => delete p.event)],
    ['event.event_type', malformed(p => (p.event.event_type = 7))],
    ['event.data', malformed(p => (p.event.data = 'x'))],
    ['event.data.id', malformed(p => delete p.event.data.id)],
    ['event.data.status', malformed(p => (p.event.data.status = ''))],
    [
      'event.data.created_at',
      malformed(p => (p.event.data.created_at = 'yesterday')),
    ],
    ['event.data.service', malformed(p => (p.event.data.service = null))],
    ['event.data.service.id', malformed(p => delete p.event.data.service.id)],
    [
      'event.occurred_at',
      malformed(p => {
        p.event.event_type = 'incident.resolved';
        p.event.data.status = 'resolved';
        delete p.event.occurred_at;
      }),
    ],
  ])("refuses a payload with a bad '%s', naming it", (field, payload) => {
    expect(() => parse(payload)).toThrow(InputError);
    expect(() => parse(payload)).toThrow(`Invalid '${field}'`);
  });

  it('refuses a body that is not JSON', () => {
    expect(() => parseWebhookPayload(Buffer.from('{nope'))).toThrow(
      'Invalid body: expected a JSON webhook payload',
    );
  });
});
