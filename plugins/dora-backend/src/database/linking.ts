import { Knex } from 'knex';
import { chunk } from './chunk';
import { whereInList } from './inList';
import { DoraLinkRule } from '@paved-road/plugin-dora-common';

/**
 * One `dora.incidents.exclude` filter: it matches an incident when every
 * condition it gives matches (a list matches any of its values).
 *
 * @internal
 */
export interface IncidentFilter {
  source?: string;
  severity?: string[];
  attribute?: string;
  values?: string[];
}

/**
 * How incidents are linked to deployments (`dora.linking`) and which are
 * not change-caused (`dora.incidents.exclude`).
 *
 * @internal
 */
export interface LinkingPolicy {
  /** Rules in the order they are tried. */
  rules: DoraLinkRule[];
  /** `latest-before` links only deployments finished this recently. */
  lookbackMs: number | null;
  exclude: IncidentFilter[];
}

/** The round-1 definitions: explicit, else the latest deployment before. @internal */
export const DEFAULT_LINKING: LinkingPolicy = {
  rules: ['explicit', 'latest-before'],
  lookbackMs: null,
  exclude: [],
};

/**
 * A redeploy counts as a rollback when the earlier deployment of the same
 * commit finished at most this long before it.
 *
 * @internal
 */
export const ROLLBACK_WINDOW_MS = 90 * 86400000;

/** Identifies a policy, to detect a changed config. @internal */
export function linkingSignature(policy: LinkingPolicy): string {
  return JSON.stringify({
    rules: policy.rules,
    lookbackMs: policy.lookbackMs,
    exclude: policy.exclude.map(f => ({
      source: f.source ?? null,
      severity: f.severity ?? null,
      attribute: f.attribute ?? null,
      values: f.values ?? null,
    })),
  });
}

/** Vendor fields of an incident as stored. @internal */
export type IncidentAttributes = Record<string, string | string[]>;

function matches(
  filter: IncidentFilter,
  incident: {
    source: string;
    severity: string | null;
    attributes: IncidentAttributes | null;
  },
): boolean {
  if (filter.source !== undefined && filter.source !== incident.source) {
    return false;
  }
  if (
    filter.severity !== undefined &&
    (incident.severity === null || !filter.severity.includes(incident.severity))
  ) {
    return false;
  }
  if (filter.attribute !== undefined) {
    const value = incident.attributes?.[filter.attribute];
    if (value === undefined) return false;
    const present = Array.isArray(value) ? value : [value];
    if (filter.values && !present.some(v => filter.values!.includes(v))) {
      return false;
    }
  }
  return true;
}

/**
 * Whether an incident is excluded from change failure: `changeCaused`
 * given by the event wins, else any matching filter excludes it.
 *
 * @internal
 */
export function isExcluded(
  policy: LinkingPolicy,
  incident: {
    source: string;
    severity: string | null;
    attributes: IncidentAttributes | null;
    changeCaused: boolean | null;
  },
): boolean {
  if (incident.changeCaused !== null) return !incident.changeCaused;
  return policy.exclude.some(filter => matches(filter, incident));
}

/**
 * Recomputes every incident's `excluded` flag (after a config change) from
 * its stored source, severity, attributes and `changeCaused`.
 *
 * @internal
 */
export async function refreshAllExclusions(
  trx: Knex,
  policy: LinkingPolicy,
): Promise<void> {
  const set: Record<'0' | '1', number[]> = { '0': [], '1': [] };
  let lastId = 0;
  for (;;) {
    const rows = await trx('dora_incidents')
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(5000)
      .select(
        'id',
        'source',
        'severity',
        'attributes',
        'change_caused',
        'excluded',
      );
    if (rows.length === 0) break;
    for (const r of rows) {
      const excluded = isExcluded(policy, {
        source: r.source,
        severity: r.severity ?? null,
        attributes: r.attributes ? JSON.parse(r.attributes) : null,
        changeCaused:
          r.change_caused === null || r.change_caused === undefined
            ? null
            : Number(r.change_caused) === 1,
      });
      if (excluded !== (Number(r.excluded) === 1)) {
        set[excluded ? '1' : '0'].push(Number(r.id));
      }
    }
    lastId = Number(rows[rows.length - 1].id);
  }
  for (const flag of ['0', '1'] as const) {
    for (const part of chunk(set[flag], 2000)) {
      await whereInList(trx, trx('dora_incidents'), 'id', part).update({
        excluded: Number(flag),
      });
    }
  }
}

/**
 * The policy of each entity: the configured one, or the entity's own rules
 * and lookback (`paved-road.dev/dora-linking`), loaded for a set of
 * entities inside a transaction.
 *
 * @internal
 */
export class LinkingPolicies {
  static async load(
    trx: Knex,
    base: LinkingPolicy,
    entityRefs: string[],
  ): Promise<LinkingPolicies> {
    // Annotated entities are few: reading them all is cheaper than an IN
    // list of a batch's entities (and nearly free while there are none).
    const wanted = new Set(entityRefs);
    const all = await LinkingPolicies.loadAll(trx, base);
    return new LinkingPolicies(
      base,
      new Map([...all.overrides].filter(([ref]) => wanted.has(ref))),
    );
  }

  /** Every stored override (for recomputing everything). */
  static async loadAll(
    trx: Knex,
    base: LinkingPolicy,
  ): Promise<LinkingPolicies> {
    const rows = await trx('dora_entity_linking').select(
      'entity_ref',
      'rules',
      'lookback_set',
      'lookback_ms',
    );
    return new LinkingPolicies(
      base,
      new Map(rows.map(r => [r.entity_ref as string, fromRow(base, r)])),
    );
  }

  constructor(
    readonly base: LinkingPolicy,
    readonly overrides: Map<string, LinkingPolicy>,
  ) {}

  for(entityRef: string): LinkingPolicy {
    return this.overrides.get(entityRef) ?? this.base;
  }

  /** Entities grouped by the policy they follow (the base one: key ''). */
  group(entityRefs: Iterable<string>): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const ref of entityRefs) {
      const key = this.overrides.has(ref)
        ? linkingSignature(this.for(ref))
        : '';
      groups.set(key, [...(groups.get(key) ?? []), ref]);
    }
    return groups;
  }
}

function fromRow(
  base: LinkingPolicy,
  row: { rules: string | null; lookback_set: unknown; lookback_ms: unknown },
): LinkingPolicy {
  const lookbackMs =
    row.lookback_ms === null || row.lookback_ms === undefined
      ? null
      : Number(row.lookback_ms);
  return {
    rules: row.rules ? JSON.parse(row.rules) : base.rules,
    lookbackMs: Number(row.lookback_set) === 1 ? lookbackMs : base.lookbackMs,
    exclude: base.exclude,
  };
}

/** An entity's own rules and lookback, from its annotation. @internal */
export interface EntityLinking {
  entityRef: string;
  /** null: the configured rules. */
  rules: DoraLinkRule[] | null;
  /** false: the configured lookback; else `lookbackMs` (null: none). */
  lookbackSet: boolean;
  lookbackMs: number | null;
  /** The annotation as written. */
  annotation: string;
}
