import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import {
  entityRefOf,
  parseHistoryQuery,
  parseOverviewQuery,
} from './parseQuery';
import { createExemptionRoutes } from './exemptions/createExemptionRoutes';
import { ExemptionService } from './exemptions/ExemptionService';
import { ScorecardService } from './types';
import { CampaignService } from '../campaigns/CampaignService';
import { createCampaignRoutes } from '../campaigns/createCampaignRoutes';

/** @internal */
export interface RouterOptions {
  scorecard: ScorecardService;
  exemptions: ExemptionService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  providerIds: () => string[];
  /** Campaign routes are mounted when given. */
  campaigns?: CampaignService;
}

/**
 * Translates HTTP to the scorecard service; every route requires
 * Backstage credentials (the default auth policy of the http router).
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { scorecard, httpAuth } = options;
  const router = Router();
  router.use(express.json());
  const entityPath = '/entities/:kind/:namespace/:name';

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', providers: options.providerIds() });
  });

  router.get('/checks', async (_req, res) => {
    res.json(scorecard.getChecks());
  });

  router.get('/overview', async (req, res) => {
    const query = parseOverviewQuery(req.query);
    res.json(
      await scorecard.getOverview(query, await httpAuth.credentials(req)),
    );
  });

  router.get('/overview/rollup', async (req, res) => {
    const { cursor, limit, ...query } = parseOverviewQuery(req.query);
    res.json(await scorecard.getRollup(query, await httpAuth.credentials(req)));
  });

  router.get(entityPath, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await scorecard.getEntityScorecard(entityRefOf(req.params), credentials),
    );
  });

  router.post(`${entityPath}/refresh`, async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await scorecard.refresh(entityRefOf(req.params), credentials));
  });

  router.get(`${entityPath}/history`, async (req, res) => {
    const window = parseHistoryQuery(req.query);
    const credentials = await httpAuth.credentials(req);
    res.json(
      await scorecard.getHistory(entityRefOf(req.params), window, credentials),
    );
  });

  createExemptionRoutes(router, options);
  if (options.campaigns) {
    createCampaignRoutes(router, { campaigns: options.campaigns, httpAuth });
  }

  return router;
}
