import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { CampaignService } from './CampaignService';

/** Options of {@link createCampaignRoutes}. @internal */
export interface CampaignRoutesOptions {
  campaigns: CampaignService;
  httpAuth: HttpAuthService;
}

/**
 * `GET /campaigns`, `POST /campaigns`, `GET /campaigns/:id` and
 * `POST /campaigns/:id/close` and `POST /campaigns/:id/upgrades` (fleet
 * upgrades, 202; guarded by `scorecard.campaign.manage` like create and close).
 *
 * @internal
 */
export function createCampaignRoutes(
  router: express.Router,
  options: CampaignRoutesOptions,
) {
  const { campaigns, httpAuth } = options;

  router.get('/campaigns', async (req, res) => {
    res.json(await campaigns.list(await httpAuth.credentials(req)));
  });

  router.post('/campaigns', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.status(201).json(await campaigns.create(req.body, credentials));
  });

  router.get('/campaigns/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await campaigns.get(req.params.id, credentials));
  });

  router.post('/campaigns/:id/upgrades', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res
      .status(202)
      .json(await campaigns.startUpgrades(req.params.id, credentials));
  });

  router.post('/campaigns/:id/close', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await campaigns.close(req.params.id, credentials));
  });
}
