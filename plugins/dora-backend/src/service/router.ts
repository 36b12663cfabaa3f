import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseIso } from '../database/time';
import { DoraApi } from './DefaultDoraService';

/** @internal */
export interface RouterOptions {
  dora: DoraApi;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  providerIds: () => string[];
}

const optionalDate = (name: string) =>
  z
    .string()
    .optional()
    .transform(v => {
      if (v === undefined) return undefined;
      const ms = parseIso(v);
      if (ms === undefined) {
        throw new InputError(`Invalid '${name}': expected an ISO 8601 date`);
      }
      return new Date(ms);
    });

const listOf = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform(v =>
    (v === undefined ? [] : [v].flat())
      .flatMap(s => s.split(','))
      .map(s => s.trim())
      .filter(Boolean),
  );

const querySchema = z.object({
  entityRef: z.string().optional(),
  owner: z.string().optional(),
  from: optionalDate('from'),
  to: optionalDate('to'),
  environment: listOf,
  cursor: z.string().optional(),
  limit: z
    .string()
    .regex(/^\d+$/, { error: "Invalid 'limit': expected 1 to 500" })
    .transform(Number)
    .refine(n => n >= 1 && n <= 500, {
      error: "Invalid 'limit': expected 1 to 500",
    })
    .optional(),
});

function parseQuery(query: unknown) {
  const result = querySchema.safeParse(query);
  if (!result.success) {
    const [issue] = result.error.issues;
    throw new InputError(
      issue.message.startsWith('Invalid')
        ? issue.message
        : `Invalid '${String(issue.path[0])}': ${issue.message}`,
    );
  }
  const { environment, ...rest } = result.data;
  return { ...rest, environments: environment };
}

/** HTTP <-> DoraApi; every route needs credentials. @internal */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { dora, httpAuth, auditor } = options;
  const router = Router();
  router.use(express.json({ limit: '20mb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', providers: options.providerIds() });
  });

  router.post('/events', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const events: unknown[] = Array.isArray(req.body?.events)
      ? req.body.events
      : [];
    const sources = [
      ...new Set(events.map(e => String((e as { source?: unknown })?.source))),
    ].slice(0, 20);
    const audit = await auditor.createEvent({
      eventId: 'events-push',
      request: req,
      meta: { sources, events: events.length },
    });
    try {
      const result = await dora.ingest(req.body, credentials);
      await audit.success({ meta: { ...result } });
      res.json(result);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/metrics', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await dora.getMetrics({ ...parseQuery(req.query), credentials }));
  });

  router.get('/deployments', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await dora.listDeployments({ ...parseQuery(req.query), credentials }),
    );
  });

  return router;
}
