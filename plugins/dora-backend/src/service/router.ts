import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { AuthorizedDoraService } from './AuthorizedDoraService';
import { parseByEntityQuery, parseQuery, parseTrendQuery } from './parseQuery';

/** @internal */
export interface RouterOptions {
  dora: Pick<
    AuthorizedDoraService,
    'ingest' | 'getMetrics' | 'listDeployments' | 'authorizeProviderRead'
  > &
    Pick<
      AuthorizedDoraService,
      'getTrend' | 'getMetricsByEntity' | 'listIncidents'
    > &
    Pick<AuthorizedDoraService, 'deleteEvents'>;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  providerIds: () => string[];
}

/** HTTP <-> DoraBackendService; every route needs credentials. @internal */
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

  router.delete('/events', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const audit = await auditor.createEvent({
      eventId: 'events-delete',
      severityLevel: 'medium',
      request: req,
      meta: {
        query: req.query,
        events: Array.isArray(req.body?.events) ? req.body.events.length : 0,
      },
    });
    try {
      const result = await dora.deleteEvents(req.query, req.body, credentials);
      await audit.success({ meta: { ...result } });
      res.json(result);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  // `GET /providers` itself is served by the providers router, mounted
  // after this one; this guard runs first.
  router.get('/providers', async (req, _res, next) => {
    await dora.authorizeProviderRead(await httpAuth.credentials(req));
    next();
  });

  router.get('/metrics', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await dora.getMetrics({ ...parseQuery(req.query), credentials }));
  });

  router.get('/metrics/trend', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await dora.getTrend({ ...parseTrendQuery(req.query), credentials }),
    );
  });

  router.get('/metrics/by-entity', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await dora.getMetricsByEntity({
        ...parseByEntityQuery(req.query),
        credentials,
      }),
    );
  });

  router.get('/deployments', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await dora.listDeployments({ ...parseQuery(req.query), credentials }),
    );
  });

  // Incidents with their attribution: the rule, or why none links.
  router.get('/incidents', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await dora.listIncidents({ ...parseQuery(req.query), credentials }),
    );
  });

  return router;
}
