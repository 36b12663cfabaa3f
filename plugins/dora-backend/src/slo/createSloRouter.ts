import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { DefaultSloService } from './DefaultSloService';

/** `GET /slos?entityRef=`: the entity's SLOs and their state. @internal */
export function createSloRouter(options: {
  slos: DefaultSloService;
  httpAuth: HttpAuthService;
}): express.Router {
  const router = Router();
  router.get('/slos', async (req, res) => {
    const entityRef = req.query.entityRef;
    if (typeof entityRef !== 'string' || !entityRef.trim()) {
      throw new InputError(
        "Invalid 'entityRef': expected one entity ref, e.g. component:default/payments",
      );
    }
    const credentials = await options.httpAuth.credentials(req);
    res.json(await options.slos.getEntitySlos({ entityRef, credentials }));
  });
  return router;
}
