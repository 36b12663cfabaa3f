import {
  DatabaseService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';
import { DoraConfig } from '../service/config';
import { DefaultOutcomesService } from './DefaultOutcomesService';
import { OutcomesStore } from './pavedRoad';
import { parseOutcomesQuery } from './parseOutcomesQuery';

/**
 * `GET /outcomes?from=&to=&owner=`: time to first deploy and paved road
 * vs off road, with the caller's credentials (users and services).
 *
 * @internal
 */
export async function createOutcomesRouter(options: {
  database: DatabaseService;
  store: OutcomesStore;
  catalog: CatalogService;
  config: Pick<DoraConfig, 'benchmark'>;
  httpAuth: HttpAuthService;
}): Promise<express.Router> {
  const outcomes = await DefaultOutcomesService.create(options);
  const router = Router();
  router.get('/outcomes', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req);
    res.json(
      await outcomes.getOutcomes({
        ...parseOutcomesQuery(req.query),
        credentials,
      }),
    );
  });
  return router;
}
