import { AuthenticationError, InputError } from '@backstage/errors';
import {
  DoraProviderWebhook,
  DoraProviderWebhookContext,
  DoraWebhookRequest,
  EntityAnnotationIndex,
  constantTimeEquals,
  webhookHeader,
} from '@paved-road/plugin-dora-node';
import { createHmac } from 'node:crypto';
import { incidentOutcome } from './incidentEvents';
import { IncidentIoIncident } from './types';

/** Deliveries older or newer than this are refused as replays. */
const TOLERANCE_SECONDS = 5 * 60;

/** Events that carry an incident; others are accepted and ignored. */
const INCIDENT_EVENTS = new Set([
  'public_incident.incident_created_v2',
  'public_incident.incident_updated_v2',
  'public_incident.incident_status_updated_v2',
]);

/**
 * Receives incident.io webhooks and stores the incident they carry like a
 * sync would. Deliveries are signed Svix-style: the `webhook-signature`
 * header holds `v1,` plus the base64 HMAC-SHA256 of the `webhook-id`, the
 * `webhook-timestamp` and the raw body joined by dots, keyed with the base64
 * part of the `whsec_` secret.
 *
 * @public
 */
export class IncidentIoWebhook implements DoraProviderWebhook {
  private constructor(
    private readonly keys: Buffer[],
    private readonly options: {
      serviceField: string;
      deploymentIdField?: string;
      loadIndex: () => Promise<EntityAnnotationIndex>;
      now: () => number;
    },
  ) {}

  /**
   * Builds the receiver for an endpoint's signing secret (`secret`), or
   * several while one is rotated (`secrets`): valid when any verifies.
   */
  static create(options: {
    secret?: string;
    secrets?: string[];
    serviceField: string;
    /** The custom field holding the deployment id, if configured. */
    deploymentIdField?: string;
    loadIndex: () => Promise<EntityAnnotationIndex>;
    now?: () => number;
  }): IncidentIoWebhook {
    const secrets = [
      ...(options.secret ? [options.secret] : []),
      ...(options.secrets ?? []),
    ];
    const keys = secrets.map(s =>
      Buffer.from(s.replace(/^whsec_/, ''), 'base64'),
    );
    return new IncidentIoWebhook(keys, {
      serviceField: options.serviceField,
      deploymentIdField: options.deploymentIdField,
      loadIndex: options.loadIndex,
      now: options.now ?? Date.now,
    });
  }

  /** Verifies the signature, then stores the delivered incident. */
  async handle(
    request: DoraWebhookRequest,
    context: DoraProviderWebhookContext,
  ): Promise<void> {
    this.verify(request);
    const incident = this.parse(request.rawBody);
    if (!incident) return;
    // Svix keeps `webhook-id` across retries of one message.
    const deliveryId = webhookHeader(request, 'webhook-id')!;
    if (await context.seenDelivery(deliveryId)) {
      context.logger.debug(
        `incident.io delivery ${deliveryId} replayed; skipped`,
      );
      return;
    }
    if (
      !Number.isNaN(Date.parse(incident.updated_at)) &&
      (await context.isStale(incident.id, incident.updated_at))
    ) {
      context.logger.info(
        `incident.io delivery ${deliveryId} of incident '${incident.id}' is older than the stored state; skipped`,
      );
      return;
    }
    const outcome = incidentOutcome(incident, {
      index: await this.options.loadIndex(),
      serviceField: this.options.serviceField,
      deploymentIdField: this.options.deploymentIdField,
    });
    if (outcome.kind === 'matched') {
      await context.ingest(outcome.events);
    } else if (outcome.kind === 'unmatched') {
      context.logger.info(
        `incident.io incident '${incident.id}' matches no entity; counted as unmatched`,
      );
      context.countUnmatched(1);
    }
  }

  private verify(request: DoraWebhookRequest) {
    const id = webhookHeader(request, 'webhook-id') ?? '';
    const timestamp = webhookHeader(request, 'webhook-timestamp') ?? '';
    const signatures = webhookHeader(request, 'webhook-signature') ?? '';
    if (!id || !timestamp || !signatures) {
      throw new AuthenticationError(
        'Missing incident.io signature headers (webhook-id, webhook-timestamp, webhook-signature)',
      );
    }
    const sentAt = Number(timestamp);
    if (
      !Number.isInteger(sentAt) ||
      Math.abs(this.options.now() / 1000 - sentAt) > TOLERANCE_SECONDS
    ) {
      throw new AuthenticationError(
        'incident.io webhook timestamp is outside the 5-minute tolerance',
      );
    }
    const given = signatures
      .split(' ')
      .map(s => s.split(','))
      .filter(([version]) => version === 'v1')
      .map(([, sig]) => sig ?? '');
    // Every pair is compared in constant time, with no early exit.
    let valid = false;
    for (const key of this.keys) {
      const expected = createHmac('sha256', key)
        .update(`${id}.${timestamp}.`)
        .update(request.rawBody)
        .digest('base64');
      for (const sig of given) {
        valid = constantTimeEquals(sig, expected) || valid;
      }
    }
    if (!valid) {
      throw new AuthenticationError('Invalid incident.io webhook signature');
    }
  }

  /** The incident in the payload; `undefined` for other event types. */
  private parse(rawBody: Buffer): IncidentIoIncident | undefined {
    let body: any;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new InputError('Invalid webhook body: expected JSON');
    }
    const type = body?.event_type;
    if (typeof type !== 'string') {
      throw new InputError("Invalid 'event_type': expected a string");
    }
    if (!INCIDENT_EVENTS.has(type)) return undefined;
    const payload = body[type];
    const incident = payload?.incident ?? payload;
    const field = payload?.incident ? `${type}.incident` : type;
    if (typeof incident?.id !== 'string' || !incident.id) {
      throw new InputError(`Invalid '${field}.id': expected a string`);
    }
    if (Number.isNaN(Date.parse(incident.created_at))) {
      throw new InputError(
        `Invalid '${field}.created_at': expected an ISO 8601 date`,
      );
    }
    if (typeof incident.mode !== 'string') {
      throw new InputError(`Invalid '${field}.mode': expected a string`);
    }
    if (typeof incident.incident_status?.category !== 'string') {
      throw new InputError(
        `Invalid '${field}.incident_status.category': expected a string`,
      );
    }
    return incident;
  }
}
