import { AuditorService } from '@backstage/backend-plugin-api';
import { DatabaseExemptionStore } from '../../database/DatabaseExemptionStore';

/**
 * Expires exemptions whose time is up, at the start of each full pass, and
 * reports each expiry to the auditor once (the store's compare-and-set
 * makes sure two instances never both report one).
 *
 * @internal
 */
export class ExemptionExpiry {
  constructor(
    private readonly deps: {
      store: DatabaseExemptionStore;
      auditor: AuditorService;
      now?: () => Date;
    },
  ) {}

  /** Expires every pending or approved exemption that is due; returns how many. */
  async expireDue(): Promise<number> {
    const now = this.deps.now?.() ?? new Date();
    const expired = await this.deps.store.expireDue(now);
    for (const { exemption, was } of expired) {
      const event = await this.deps.auditor.createEvent({
        eventId: 'exemption-expire',
        severityLevel: 'low',
        meta: {
          exemptionId: exemption.id,
          entityRef: exemption.entityRef,
          checkId: exemption.checkId,
          expiresAt: exemption.expiresAt,
          previousStatus: was,
        },
      });
      await event.success();
    }
    return expired.length;
  }
}
