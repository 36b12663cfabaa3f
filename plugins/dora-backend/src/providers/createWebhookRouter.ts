import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { DoraEventsResponse } from '@paved-road/plugin-dora-common';
import { DoraProvider } from '@paved-road/plugin-dora-node';
import express from 'express';
import Router from 'express-promise-router';
import { DatabaseProviderStore } from './DatabaseProviderStore';

/** Answered well within the 1 s we promise vendors. */
const DEFAULT_ACCEPT_WITHIN_MS = 700;

/**
 * `'settled'` once `work` fulfilled within `ms`; rethrows when it failed
 * within `ms`; `'pending'` when it still runs.
 */
async function settledWithin(
  work: Promise<void>,
  ms: number,
): Promise<'settled' | 'pending'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'pending'>(resolve => {
    timer = setTimeout(() => resolve('pending'), ms);
  });
  try {
    return await Promise.race([work.then(() => 'settled' as const), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `dora.webhooks.acceptWithinMs`, checked at start-up.
 *
 * @internal
 */
export function readAcceptWithinMs(config: Config): number {
  const key = 'dora.webhooks.acceptWithinMs';
  const value = config.getOptionalNumber(key) ?? DEFAULT_ACCEPT_WITHIN_MS;
  if (!Number.isInteger(value) || value < 100 || value > 9000) {
    throw new Error(
      `Invalid config '${key}': expected whole milliseconds from 100 to 9000, got ${value}`,
    );
  }
  return value;
}

function errorText(error: unknown): string {
  return error instanceof Error
    ? `${error.name}: ${error.message}`
    : 'unknown error';
}

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
  /** How long a delivery may take before it is answered 202 anyway. */
  acceptWithinMs?: number;
}): express.Router {
  const acceptWithinMs = options.acceptWithinMs ?? DEFAULT_ACCEPT_WITHIN_MS;
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
      const logger = options.logger.child({ provider: provider.id });
      let unmatched = 0;
      const taken: string[] = [];
      const { deliveries } = options.store;
      const work = (async () => {
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
              logger,
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
      })();
      // Vendors give up after ~10 s (GitLab then disables the hook): answer
      // within `acceptWithinMs`. Signature and payload checks come first in
      // every module, so 401 and 400 still reach the vendor; slow vendor calls
      // go on after the answer and their failures are logged.
      if ((await settledWithin(work, acceptWithinMs)) === 'pending') {
        work.catch(error =>
          logger.error(
            `Webhook delivery failed after it was accepted with 202: ${errorText(
              error,
            )}`,
          ),
        );
      }
      res.status(202).json({ status: 'accepted' });
    },
  );
  return router;
}
