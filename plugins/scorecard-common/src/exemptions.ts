/**
 * Where an exemption stands: `pending` until approved or denied; `expired`
 * once its `expiresAt` passed (an approved one stops applying then, a
 * pending one can no longer be approved).
 *
 * @public
 */
export type ScorecardExemptionStatus =
  | 'pending'
  | 'approved'
  | 'denied'
  | 'expired';

/**
 * Every exemption status, in the order of their life.
 *
 * @public
 */
export const SCORECARD_EXEMPTION_STATUSES: ReadonlyArray<ScorecardExemptionStatus> =
  ['pending', 'approved', 'denied', 'expired'];

/**
 * An exemption of one entity from one check, as returned by the exemption
 * routes.
 *
 * @public
 */
export interface ScorecardExemption {
  /** Opaque id, used in `POST /exemptions/:id/decision`. */
  id: string;
  /** The entity, e.g. `component:default/payments-api`. */
  entityRef: string;
  /** Id of the check. */
  checkId: string;
  /** Why the check may fail. */
  justification: string;
  /** Who asked: a user entity ref, or a service subject. */
  requestedBy: string;
  /** ISO 8601 time of the request. */
  requestedAt: string;
  /** ISO 8601 time at which the exemption ends. */
  expiresAt: string;
  /** Where it stands. */
  status: ScorecardExemptionStatus;
  /** Who approved or denied it (`auto-approve` when configured), or null. */
  decidedBy: string | null;
  /** ISO 8601 time of the decision (or of the expiry), or null. */
  decidedAt: string | null;
  /** The approver's comment, or null. */
  comment: string | null;
}

/**
 * Body of `POST /api/scorecard/entities/:kind/:namespace/:name/exemptions`.
 *
 * @public
 */
export interface ScorecardExemptionRequest {
  /** Id of a check that applies to the entity. */
  checkId: string;
  /** Why the check may fail; 10 to 2,000 characters. */
  justification: string;
  /** ISO 8601 time in the future, at most `maxDuration` from now. */
  expiresAt: string;
}

/**
 * Body of `POST /api/scorecard/exemptions/:id/decision`.
 *
 * @public
 */
export interface ScorecardExemptionDecision {
  /** Approve or deny the pending request. */
  decision: 'approve' | 'deny';
  /** Optional note for the requester, at most 2,000 characters. */
  comment?: string;
}

/**
 * Response of `GET /api/scorecard/exemptions`; pass `nextCursor` back as
 * `cursor` for the next page.
 *
 * @public
 */
export interface ScorecardExemptionPage {
  /** Exemptions of this page, oldest request first. */
  items: ScorecardExemption[];
  /** Cursor of the next page, or null on the last. */
  nextCursor: string | null;
}
