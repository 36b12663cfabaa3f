import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { entityRefOf } from '../parseQuery';
import { ExemptionService } from './ExemptionService';
import {
  parseExemptionDecision,
  parseExemptionQuery,
  parseExemptionRequest,
} from './parseExemptions';

/** Options of {@link createExemptionRoutes}. @internal */
export interface ExemptionRoutesOptions {
  exemptions: ExemptionService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
}

type JsonObject = NonNullable<
  Parameters<AuditorService['createEvent']>[0]['meta']
>;

/**
 * Runs `fn` inside an auditor event of the request: `succeeded` with the
 * outcome's meta, or `failed` with the error (denied, invalid, conflict).
 */
async function audited<T>(
  auditor: AuditorService,
  req: express.Request,
  eventId: string,
  meta: JsonObject,
  fn: () => Promise<T>,
  outcome: (result: T) => JsonObject,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId,
    severityLevel: 'medium',
    request: req,
    meta,
  });
  try {
    const result = await fn();
    await event.success({ meta: outcome(result) });
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}

/**
 * `POST /entities/:kind/:namespace/:name/exemptions`,
 * `POST /exemptions/:id/decision` and `GET /exemptions`; requests and
 * decisions go to the auditor, denied and invalid ones too.
 *
 * @internal
 */
export function createExemptionRoutes(
  router: express.Router,
  options: ExemptionRoutesOptions,
) {
  const { exemptions, httpAuth, auditor } = options;

  router.post(
    '/entities/:kind/:namespace/:name/exemptions',
    async (req, res) => {
      const ref = entityRefOf(req.params);
      const credentials = await httpAuth.credentials(req);
      const exemption = await audited(
        auditor,
        req,
        'exemption-request',
        { entityRef: `${ref.kind}:${ref.namespace}/${ref.name}` },
        () =>
          exemptions.request(ref, parseExemptionRequest(req.body), credentials),
        e => ({
          exemptionId: e.id,
          checkId: e.checkId,
          expiresAt: e.expiresAt,
          status: e.status,
          decidedBy: e.decidedBy,
        }),
      );
      res.status(201).json(exemption);
    },
  );

  router.post('/exemptions/:id/decision', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const exemption = await audited(
      auditor,
      req,
      'exemption-decision',
      { exemptionId: req.params.id },
      () =>
        exemptions.decide(
          req.params.id,
          parseExemptionDecision(req.body),
          credentials,
        ),
      e => ({
        entityRef: e.entityRef,
        checkId: e.checkId,
        status: e.status,
        comment: e.comment,
      }),
    );
    res.json(exemption);
  });

  router.get('/exemptions', async (req, res) => {
    const query = parseExemptionQuery(req.query);
    res.json(await exemptions.list(query, await httpAuth.credentials(req)));
  });
}
