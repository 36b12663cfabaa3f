import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { DoraEventsResponse } from '@paved-road/plugin-dora-common';
import { DoraProvider } from '@paved-road/plugin-dora-node';
import express from 'express';
import Router from 'express-promise-router';
import { DatabaseProviderStore } from './DatabaseProviderStore';

/** Webhook bodies are small; vendors send one delivery per request. */
const MAX_BODY = '5mb';

/**
 * `POST /webhooks/:provider`: no Backstage credentials (the plugin adds an
 * unauthenticated auth policy for this path); the provider verifies the
 * vendor's signature over the raw body before anything is stored.
 *
 * @internal
 */
export function createWebhookRouter(options: {
  providers: () => DoraProvider[];
  store: DatabaseProviderStore;
  ingest: (body: unknown) => Promise<DoraEventsResponse>;
  logger: LoggerService;
}): express.Router {
  const router = Router();
  router.post(
    '/webhooks/:provider',
    express.raw({ type: () => true, limit: MAX_BODY }),
    async (req, res) => {
      const provider = options
        .providers()
        .find(p => p.id === req.params.provider && p.webhook);
      if (!provider) {
        throw new NotFoundError(
          `No DORA provider '${req.params.provider}' receives webhooks`,
        );
      }
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      let unmatched = 0;
      const taken: string[] = [];
      const { deliveries } = options.store;
      try {
        await provider.webhook!.handle(
          { headers: req.headers, rawBody },
          {
            ingest: events => options.ingest({ events }),
            cursors: {
              get: scope => options.store.getCursor(provider.id, scope),
              set: (scope, cursor) =>
                options.store.setCursor(provider.id, scope, cursor),
            },
            countUnmatched: count => {
              unmatched += count;
            },
            logger: options.logger.child({ provider: provider.id }),
            seenDelivery: async deliveryId => {
              if (!(await deliveries.take(provider.id, deliveryId))) {
                return true;
              }
              taken.push(deliveryId);
              return false;
            },
            isStale: async (objectId, occurredAt) => {
              const at = new Date(occurredAt).getTime();
              if (Number.isNaN(at)) {
                throw new InputError(
                  `Invalid time of a change of '${objectId}': expected an ISO 8601 date`,
                );
              }
              return deliveries.isStale(provider.id, objectId, at);
            },
          },
        );
      } catch (error) {
        // A failed delivery is retried by the vendor: let the retry through.
        for (const id of taken) await deliveries.release(provider.id, id);
        throw error;
      } finally {
        // Counted even when the delivery failed after counting.
        if (unmatched > 0) {
          await options.store.countWebhookUnmatched(provider.id, unmatched);
        }
      }
      res.status(202).json({ status: 'accepted' });
    },
  );
  return router;
}
