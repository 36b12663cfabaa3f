import express from 'express';
import Router from 'express-promise-router';

/** @internal */
export interface RouterOptions {
  providerIds: () => string[];
}

/** @internal */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', providers: options.providerIds() });
  });

  return router;
}
