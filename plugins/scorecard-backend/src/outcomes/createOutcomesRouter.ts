import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { OutcomesService } from './OutcomesService';
import { parsePulse, parseTemplateRef } from './parsePulse';

/** Options of {@link createOutcomesRouter}. @internal */
export interface OutcomesRouterOptions {
  outcomes: OutcomesService;
  httpAuth: HttpAuthService;
}

/**
 * `GET /outcomes`, `POST /outcomes/pulse` (users only; 201 for a first
 * answer in the quarter, 200 when it replaced one) and
 * `GET /outcomes/pulse/comments?templateRef=`.
 *
 * @internal
 */
export function createOutcomesRouter(
  options: OutcomesRouterOptions,
): express.Router {
  const { outcomes, httpAuth } = options;
  const router = Router();
  router.use('/outcomes', express.json({ limit: '16kb' }));

  router.get('/outcomes', async (req, res) => {
    res.json(await outcomes.get(await httpAuth.credentials(req)));
  });

  router.post('/outcomes/pulse', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const input = parsePulse(req.body);
    const { answer, replaced } = await outcomes.answerPulse(input, credentials);
    res.status(replaced ? 200 : 201).json(answer);
  });

  router.get('/outcomes/pulse/comments', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const raw = req.query.templateRef;
    if (raw !== undefined && typeof raw !== 'string') {
      throw new InputError(
        "Invalid 'templateRef': expected a single template entity ref",
      );
    }
    const templateRef = raw === undefined ? undefined : parseTemplateRef(raw);
    res.json(await outcomes.comments(templateRef, credentials));
  });

  return router;
}
