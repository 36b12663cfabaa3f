import {
  DoraProviderWebhook,
  DoraProviderWebhookContext,
  DoraWebhookRequest,
} from '@paved-road/plugin-dora-node';
import { PagerDutyDeploymentIds } from './PagerDutyDeploymentIds';
import { normalizeServiceId, PagerDutyEntities } from './PagerDutyEntities';
import { formatCursor, parseCursor } from './syncCursor';
import { toIncidentEvents } from './toIncidentEvents';
import {
  parseWebhookPayload,
  verifyPagerDutySignature,
  webhookEventMeta,
} from './webhookPayload';

/**
 * Receives PagerDuty v3 webhooks: verifies `X-PagerDuty-Signature`, then
 * upserts the incident for every entity carrying its service. With
 * `deploymentIds`, the incident's first alert is read too (v3 payloads
 * carry no alerts), so a delivery never drops the link a sync stored; if
 * that read fails the delivery fails and PagerDuty redelivers it.
 */
export class PagerDutyWebhookHandler implements DoraProviderWebhook {
  constructor(
    private readonly options: {
      secrets: string[];
      entities: PagerDutyEntities;
      deploymentIds?: PagerDutyDeploymentIds;
    },
  ) {}

  async handle(
    request: DoraWebhookRequest,
    context: DoraProviderWebhookContext,
  ): Promise<void> {
    verifyPagerDutySignature(
      request.headers['x-pagerduty-signature'],
      request.rawBody,
      this.options.secrets,
    );
    const incident = parseWebhookPayload(request.rawBody);
    if (!incident) return;
    const event = webhookEventMeta(request.rawBody);
    if (event.id && (await context.seenDelivery(event.id))) {
      context.logger.debug(`PagerDuty event ${event.id} replayed; skipped`);
      return;
    }
    if (
      event.occurredAt &&
      (await context.isStale(incident.id, event.occurredAt))
    ) {
      context.logger.info(
        `PagerDuty event ${event.id ?? ''} of incident '${
          incident.id
        }' is older than the stored state; skipped`,
      );
      return;
    }
    const serviceId = normalizeServiceId(incident.service.id);
    const index = await this.options.entities.recent();
    const entityRefs = index.lookup(serviceId);
    if (entityRefs.length === 0) {
      this.countUnmatched(serviceId, context);
      return;
    }
    const deploymentId = await this.options.deploymentIds?.lookup(incident.id);
    await context.ingest(
      toIncidentEvents(incident, entityRefs, { deploymentId }),
    );
    if (incident.status !== 'resolved') {
      await this.recheckFrom(
        serviceId,
        Date.parse(incident.created_at),
        context,
      );
    }
  }

  /**
   * Deliveries may arrive late or out of order: an open incident lowers its
   * service's re-read point, so the next sync reads its current state from
   * the REST API and corrects whatever a stale delivery wrote.
   */
  private async recheckFrom(
    serviceId: string,
    createdAt: number,
    context: DoraProviderWebhookContext,
  ) {
    const cursor = parseCursor(await context.cursors.get(serviceId));
    if (!cursor || createdAt >= cursor.until) return;
    if (cursor.openSince !== null && cursor.openSince <= createdAt) return;
    await context.cursors.set(
      serviceId,
      formatCursor({ ...cursor, openSince: createdAt }),
    );
  }

  private countUnmatched(
    serviceId: string,
    context: DoraProviderWebhookContext,
  ) {
    context.logger.info(
      `PagerDuty webhook for service '${serviceId}', which no entity carries in 'pagerduty.com/service-id'; not stored`,
    );
    context.countUnmatched(1);
  }
}
