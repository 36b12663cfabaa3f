import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseInput } from '../service/parseInput';
import {
  MAX_SLO_HISTORY_DAYS,
  MAX_SLOS_BY_ENTITY,
  SloSnapshotService,
  SloSubject,
} from './SloSnapshotService';

const ONE_REF = 'expected one entity ref, e.g. component:default/payments';
const REFS = `expected 1 to ${MAX_SLOS_BY_ENTITY} entity refs, comma-separated or repeated`;
const DAYS = `expected a whole number of days from 1 to ${MAX_SLO_HISTORY_DAYS}`;

const entityRef = z
  .string({ error: ONE_REF })
  .trim()
  .min(1, { error: ONE_REF });

const sloQuery = z.object({ entityRef });

const historyQuery = z.object({
  entityRef,
  days: z
    .string({ error: DAYS })
    .regex(/^\d+$/, { error: DAYS })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, { error: DAYS })
        .max(MAX_SLO_HISTORY_DAYS, { error: DAYS }),
    )
    .optional(),
});

const byEntityQuery = z
  .object({
    owner: z
      .string({ error: ONE_REF.replace('entity', 'group') })
      .trim()
      .min(1)
      .optional(),
    entityRefs: z
      .union([z.string(), z.array(z.string())], { error: REFS })
      .transform(v =>
        (Array.isArray(v) ? v : [v])
          .flatMap(s => s.split(','))
          .map(s => s.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(z.string())
          .min(1, { error: REFS })
          .max(MAX_SLOS_BY_ENTITY, { error: REFS }),
      )
      .optional(),
  })
  .refine(q => (q.owner === undefined) !== (q.entityRefs === undefined), {
    error: "expected exactly one of 'owner' or 'entityRefs'",
    path: ['owner'],
  });

/**
 * `GET /slos?entityRef=`, `GET /slos/by-entity?owner=|entityRefs=` and
 * `GET /slos/history?entityRef=&days=`: SLO state served from the stored
 * snapshots, for entities the caller can see. @internal
 */
export function createSloRouter(options: {
  slos: SloSnapshotService;
  httpAuth: HttpAuthService;
  /** Whether the entity has events of the example `demo` source. */
  hasDemoData?: (entityRefs: string[]) => Promise<boolean>;
}): express.Router {
  const router = Router();
  router.get('/slos', async (req, res) => {
    const { entityRef: ref } = parseInput(sloQuery, req.query);
    const credentials = await options.httpAuth.credentials(req);
    const slos = await options.slos.getEntitySlos({
      entityRef: ref,
      credentials,
    });
    const demoData = await options.hasDemoData?.([slos.entityRef]);
    res.json(demoData ? { ...slos, demoData } : slos);
  });
  router.get('/slos/by-entity', async (req, res) => {
    const query = parseInput(byEntityQuery, req.query);
    const credentials = await options.httpAuth.credentials(req);
    const subject: SloSubject =
      query.owner !== undefined
        ? { owner: query.owner }
        : { entityRefs: query.entityRefs! };
    res.json(await options.slos.getSlosByEntity({ subject, credentials }));
  });
  router.get('/slos/history', async (req, res) => {
    const query = parseInput(historyQuery, req.query);
    const credentials = await options.httpAuth.credentials(req);
    res.json(
      await options.slos.getHistory({
        entityRef: query.entityRef,
        days: query.days ?? 90,
        credentials,
      }),
    );
  });
  return router;
}
