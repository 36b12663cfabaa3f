import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseInput } from '../service/parseInput';
import { DefaultSloService } from './DefaultSloService';

const ONE_REF = 'expected one entity ref, e.g. component:default/payments';

const sloQuery = z.object({
  entityRef: z.string({ error: ONE_REF }).trim().min(1, { error: ONE_REF }),
});

/** `GET /slos?entityRef=`: the entity's SLOs and their state. @internal */
export function createSloRouter(options: {
  slos: DefaultSloService;
  httpAuth: HttpAuthService;
}): express.Router {
  const router = Router();
  router.get('/slos', async (req, res) => {
    const { entityRef } = parseInput(sloQuery, req.query);
    const credentials = await options.httpAuth.credentials(req);
    res.json(await options.slos.getEntitySlos({ entityRef, credentials }));
  });
  return router;
}
