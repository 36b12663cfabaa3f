import express from 'express';
import Router from 'express-promise-router';
import { ProviderRunner } from './ProviderRunner';

/**
 * `GET /providers`: each installed provider's last run, counts (including
 * objects that matched no entity), last error and saved cursors.
 *
 * @internal
 */
export function createProvidersRouter(options: {
  runner: ProviderRunner;
}): express.Router {
  const router = Router();
  router.get('/providers', async (_req, res) => {
    res.json({ items: await options.runner.status() });
  });
  return router;
}
