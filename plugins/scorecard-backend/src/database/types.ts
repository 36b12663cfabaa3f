import {
  CheckStatus,
  EntityScorecard,
} from '@paved-road/plugin-scorecard-common';

/** A row of `scorecard_results`. @internal */
export interface ResultRow {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  owner: string | null;
  score: number;
  level_id: string | null;
  evaluated_at: string | number;
  history_at: string | number;
  signature: string;
  /** SHA-256 of the content; null for rows stored before it existed. */
  content_hash: string | null;
  result: string;
}

/** A row of `scorecard_history`. @internal */
export interface HistoryRow {
  entity_ref: string;
  evaluated_at: string | number;
  score: number;
  level_id: string | null;
  checks: string;
}

/** What the store keeps of one evaluation. @internal */
export interface ResultInput {
  kind: string;
  namespace: string;
  name: string;
  owner: string | null;
  scorecard: EntityScorecard;
}

/** A stored scorecard with the columns the overview shows. @internal */
export interface StoredResult {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  owner: string | null;
  score: number;
  levelId: string | null;
  evaluatedAt: string;
  failingChecks: string[];
  exemptChecks: string[];
}

/** One history point. @internal */
export interface StoredHistoryPoint {
  evaluatedAt: string;
  score: number;
  level: string | null;
  checks: Record<string, CheckStatus>;
}

/** Filters of the overview; `level: 'none'` is below the first level. @internal */
export interface OverviewFilter {
  owners?: string[];
  kinds?: string[];
  level?: string;
  failing?: string;
  /** A check id, or `*` for any exempt check. */
  exempt?: string;
}

/** A row of `scorecard_exemptions`. @internal */
export interface ExemptionRow {
  id: string;
  entity_ref: string;
  check_id: string;
  justification: string;
  requested_by: string;
  requested_at: string | number;
  expires_at: string | number;
  status: 'pending' | 'approved' | 'denied' | 'expired';
  decided_by: string | null;
  decided_at: string | number | null;
  comment: string | null;
}
