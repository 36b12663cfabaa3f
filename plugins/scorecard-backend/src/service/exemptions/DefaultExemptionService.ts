import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  ScorecardExemption,
  ScorecardExemptionDecision,
  ScorecardExemptionPage,
  ScorecardExemptionPolicy,
  ScorecardExemptionRequest,
} from '@paved-road/plugin-scorecard-common';
import { ExemptionsConfig } from '../../config/types';
import {
  DatabaseExemptionStore,
  exemptionKey,
} from '../../database/DatabaseExemptionStore';
import { ScorecardEngine } from '../../engine/ScorecardEngine';
import { readVisiblePage } from '../readVisiblePage';
import { ScorecardEntityAccess } from '../ScorecardEntityAccess';
import { actorOf } from './actorOf';
import { decodeExemptionCursor, encodeExemptionCursor } from './cursor';
import { ExemptionQuery, ExemptionService } from './ExemptionService';
import { validateExpiry } from './validateExpiry';

/** `decidedBy` of requests approved by `scorecard.exemptions.autoApprove`. @internal */
export const AUTO_APPROVER = 'auto-approve';

/** Options of {@link DefaultExemptionService.create}. @internal */
export interface DefaultExemptionServiceOptions {
  store: DatabaseExemptionStore;
  access: ScorecardEntityAccess;
  engine: ScorecardEngine;
  config: ExemptionsConfig;
  logger: LoggerService;
  /** Evaluates and stores the entity's scorecard again, so an approval shows at once. */
  reevaluate(entity: Entity): Promise<unknown>;
  now?: () => Date;
}

/**
 * Requests, decisions and expiry of exemptions. Every read and write goes
 * through {@link ScorecardEntityAccess}: an exemption of an entity the
 * caller may not read is answered like an unknown one. Permission checks
 * on writes are added by `AuthorizedExemptionService`.
 *
 * @internal
 */
export class DefaultExemptionService implements ExemptionService {
  static create(options: DefaultExemptionServiceOptions) {
    return new DefaultExemptionService(options);
  }

  private constructor(
    private readonly options: DefaultExemptionServiceOptions,
  ) {}

  policy(): ScorecardExemptionPolicy {
    return { ...this.options.config };
  }

  async request(
    ref: CompoundEntityRef,
    body: ScorecardExemptionRequest,
    credentials: BackstageCredentials,
  ): Promise<ScorecardExemption> {
    const { access, engine, config, store } = this.options;
    const entity = await access.readableEntity(ref, credentials);
    const entityRef = stringifyEntityRef(entity);
    if (!engine.applicableCheckIds(entity).includes(body.checkId)) {
      throw new InputError(
        `Invalid 'checkId': no check '${body.checkId}' applies to '${entityRef}'`,
      );
    }
    const now = this.now();
    const expiresAt = new Date(body.expiresAt);
    validateExpiry(expiresAt, now, config.maxDurationMs);
    const exemption = await store.insert({
      entityRef,
      checkId: body.checkId,
      justification: body.justification,
      requestedBy: actorOf(credentials),
      requestedAt: now,
      expiresAt,
      approved: config.autoApprove
        ? {
            by: AUTO_APPROVER,
            comment:
              'Approved automatically (scorecard.exemptions.autoApprove)',
          }
        : undefined,
    });
    if (exemption.status === 'approved') await this.reevaluate(entity);
    return exemption;
  }

  /** The exemption, if the caller may read its entity; otherwise a 404. */
  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<{ exemption: ScorecardExemption; entity: Entity }> {
    const exemption = await this.options.store.get(id);
    const entity =
      exemption &&
      (await this.options.access
        .readableEntity(parseEntityRef(exemption.entityRef), credentials)
        .catch(e => {
          if (e instanceof NotFoundError) return undefined;
          throw e;
        }));
    if (!exemption || !entity) {
      throw new NotFoundError(`No exemption '${id}'`);
    }
    return { exemption, entity };
  }

  async decide(
    id: string,
    body: ScorecardExemptionDecision,
    credentials: BackstageCredentials,
  ): Promise<ScorecardExemption> {
    const { exemption, entity } = await this.get(id, credentials);
    const now = this.now();
    const decided =
      exemption.status === 'pending'
        ? await this.options.store.decide({
            id,
            status: body.decision === 'approve' ? 'approved' : 'denied',
            decidedBy: actorOf(credentials),
            decidedAt: now,
            comment: body.comment ?? null,
          })
        : undefined;
    if (!decided) {
      const current = (await this.options.store.get(id)) ?? exemption;
      const state =
        current.status === 'pending' ? 'expired' : `already ${current.status}`;
      throw new ConflictError(
        `Exemption '${id}' is ${state}; only pending exemptions can be decided`,
      );
    }
    if (decided.status === 'approved') await this.reevaluate(entity);
    return decided;
  }

  async list(
    query: ExemptionQuery,
    credentials: BackstageCredentials,
  ): Promise<ScorecardExemptionPage> {
    const filter = { statuses: query.statuses, entityRef: query.entityRef };
    const { items, next } = await readVisiblePage({
      fetch: (after, limit) =>
        this.options.store.list(filter, {
          after: after ? decodeExemptionCursor(after) : undefined,
          limit,
        }),
      visible: refs =>
        this.options.access.readableRefs([...new Set(refs)], credentials),
      keyOf: e => encodeExemptionCursor(exemptionKey(e)),
      after: query.cursor,
      limit: query.limit ?? 50,
    });
    return { items, nextCursor: next };
  }

  private async reevaluate(entity: Entity) {
    try {
      await this.options.reevaluate(entity);
    } catch (e) {
      // The decision is stored; the next pass shows it if this failed.
      this.options.logger.warn(
        `Could not re-evaluate '${stringifyEntityRef(
          entity,
        )}' after an exemption was approved: ${(e as Error).message}`,
      );
    }
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
