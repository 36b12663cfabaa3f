import {
  BackstageCredentials,
  createExtensionPoint,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';

/**
 * Fact values of one entity from one provider, keyed by fact name (the part
 * after `<provider>:` in a check's `fact`). A missing key means the fact is
 * absent, which `exists` checks report as failing.
 *
 * @public
 */
export type ScorecardFactValues = Record<string, unknown>;

/**
 * What the scorecard asks a provider for: the facts that the applicable
 * checks need, for a batch of entities.
 *
 * @public
 */
export interface ScorecardFactRequest {
  /** The entities of this batch (at most 500). */
  entities: Entity[];
  /**
   * `stringifyEntityRef(entities[i])` for every entity, in the same order:
   * the keys of the returned batch.
   */
  entityRefs: string[];
  /** Fact names without the provider prefix, e.g. `overallTier`. */
  facts: string[];
  /** The scorecard plugin's own service credentials, for calls to other plugins. */
  credentials: BackstageCredentials;
}

/**
 * Facts per entity ref (`stringifyEntityRef`). An `Error` in place of the
 * values turns that entity's checks of this provider to `error` with the
 * error's message; a rejected promise does so for the whole batch. Either
 * way the rest of the evaluation goes on.
 *
 * @public
 */
export type ScorecardFactBatch = Map<string, ScorecardFactValues | Error>;

/**
 * A source of facts about catalog entities that checks evaluate.
 *
 * @public
 */
export interface ScorecardFactProvider {
  /** Unique id of the provider, the prefix of facts, e.g. `catalog` or `dora`. */
  readonly id: string;
  /** Loads the requested facts for a batch of entities. */
  loadFacts(request: ScorecardFactRequest): Promise<ScorecardFactBatch>;
}

/**
 * Lets backend modules add fact providers to the scorecard backend.
 *
 * @public
 */
export interface ScorecardFactProvidersExtensionPoint {
  /** Adds providers; an id already registered by a module fails start-up. */
  addFactProvider(...providers: ScorecardFactProvider[]): void;
}

/**
 * Extension point `scorecard.factProviders`.
 *
 * @public
 */
export const scorecardFactProvidersExtensionPoint =
  createExtensionPoint<ScorecardFactProvidersExtensionPoint>({
    id: 'scorecard.factProviders',
  });
