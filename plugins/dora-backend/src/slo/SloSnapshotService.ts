import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DoraEntitySlos,
  DoraSloHistory,
  DoraSlosByEntity,
} from '@paved-road/plugin-dora-common';
import { ownerEntityRefs } from '../service/ownerEntities';
import {
  DatabaseSloSnapshots,
  StoredSloSnapshot,
  snapshotKey,
  utcDay,
} from './DatabaseSloSnapshots';
import { DefaultSloService } from './DefaultSloService';
import { mapPool } from './pool';
import { summarizeSlos } from './summarizeSlos';

/** At most this many entities per `GET /slos/by-entity`. */
export const MAX_SLOS_BY_ENTITY = 500;
/** At most this many days of `GET /slos/history`. */
export const MAX_SLO_HISTORY_DAYS = 400;
const DAY_MS = 86_400_000;
const LIVE_CONCURRENCY = 4;

/** The catalog reads the SLO snapshot service needs. */
export type SloCatalog = Pick<
  CatalogService,
  'getEntityByRef' | 'getEntitiesByRefs' | 'getEntities'
>;

/** Whose SLOs `getSlosByEntity` answers for. */
export type SloSubject = { owner: string } | { entityRefs: string[] };

/**
 * Serves SLO status from the snapshots the scheduled refresh stores, so a
 * read never queries Prometheus. An entity without a snapshot yet (new, or
 * before the first run) is computed once, stored and served. Every read
 * answers only for entities the caller can see in the catalog: an invisible
 * entity is a 404, exactly like an unknown one.
 */
export class SloSnapshotService {
  private readonly inFlight = new Map<string, Promise<DoraEntitySlos>>();

  private constructor(
    private readonly options: {
      catalog: SloCatalog;
      compute: Pick<DefaultSloService, 'computeForEntity'>;
      store: DatabaseSloSnapshots;
      now?: () => number;
    },
  ) {}

  static create(options: SloSnapshotService['options']) {
    return new SloSnapshotService(options);
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** `GET /slos?entityRef=`: the stored state, or computed once now. */
  async getEntitySlos(request: {
    entityRef: string;
    credentials: BackstageCredentials;
  }): Promise<DoraEntitySlos> {
    const entity = await this.options.catalog.getEntityByRef(
      request.entityRef,
      { credentials: request.credentials },
    );
    if (!entity) {
      throw new NotFoundError(
        `No entity '${request.entityRef}' in the catalog`,
      );
    }
    const stored = await this.options.store.read(stringifyEntityRef(entity));
    const result = stored ? served(stored) : await this.computeOnce(entity);
    return { ...result, entityRef: request.entityRef };
  }

  /** `GET /slos/by-entity`: many entities in one call, with a summary. */
  async getSlosByEntity(request: {
    subject: SloSubject;
    credentials: BackstageCredentials;
  }): Promise<DoraSlosByEntity> {
    const { subject, credentials } = request;
    let refs: string[];
    let notFound: string[] = [];
    if ('owner' in subject) {
      refs = await ownerEntityRefs({
        catalog: this.options.catalog as CatalogService,
        owner: normalizeRef(subject.owner, 'owner'),
        credentials,
      });
      if (refs.length > MAX_SLOS_BY_ENTITY) {
        throw new InputError(
          `Invalid 'owner': '${subject.owner}' owns ${refs.length} entities; /slos/by-entity answers for at most ${MAX_SLOS_BY_ENTITY}, ask for a child group`,
        );
      }
    } else {
      refs = [
        ...new Set(subject.entityRefs.map(r => normalizeRef(r, 'entityRefs'))),
      ];
      if (refs.length > MAX_SLOS_BY_ENTITY) {
        throw new InputError(
          `Invalid 'entityRefs': expected at most ${MAX_SLOS_BY_ENTITY} entity refs, got ${refs.length}`,
        );
      }
      const visible = await this.entities(refs, credentials);
      notFound = refs.filter(r => !visible.has(r));
      refs = refs.filter(r => visible.has(r));
    }
    const stored = await this.options.store.readMany(refs);
    const missing = refs.filter(r => !stored.has(r));
    const entities =
      missing.length > 0
        ? await this.entities(missing, credentials)
        : new Map();
    const computed = new Map<string, DoraEntitySlos>();
    const toCompute = missing.filter(r => entities.has(r));
    const live = await mapPool(toCompute, LIVE_CONCURRENCY, ref =>
      this.computeOnce(entities.get(ref)!),
    );
    toCompute.forEach((ref, i) => computed.set(ref, live[i]!));
    // An entity gone from the catalog between two reads is left out.
    const items = refs.map(ref => {
      const snapshot = stored.get(ref);
      return snapshot ? served(snapshot) : computed.get(ref);
    });
    const found = items.filter((i): i is DoraEntitySlos => i !== undefined);
    return { items: found, notFound, summary: summarizeSlos(found) };
  }

  /** `GET /slos/history`: daily points per SLO over the last `days` UTC days. */
  async getHistory(request: {
    entityRef: string;
    days: number;
    credentials: BackstageCredentials;
  }): Promise<DoraSloHistory> {
    const { days } = request;
    if (!Number.isInteger(days) || days < 1 || days > MAX_SLO_HISTORY_DAYS) {
      throw new InputError(
        `Invalid 'days': expected a whole number from 1 to ${MAX_SLO_HISTORY_DAYS}, got '${days}'`,
      );
    }
    const entity = await this.options.catalog.getEntityByRef(
      request.entityRef,
      { credentials: request.credentials },
    );
    if (!entity) {
      throw new NotFoundError(
        `No entity '${request.entityRef}' in the catalog`,
      );
    }
    const now = this.now();
    const from = utcDay(now - (days - 1) * DAY_MS);
    const rows = await this.options.store.history(
      stringifyEntityRef(entity),
      from,
    );
    const slos = new Map<string, DoraSloHistory['slos'][number]>();
    for (const row of rows) {
      let slo = slos.get(row.sloName);
      if (!slo) {
        slo = { name: row.sloName, points: [] };
        slos.set(row.sloName, slo);
      }
      slo.points.push({
        day: row.day,
        attainment: row.attainment,
        budgetRemaining: row.budgetRemaining,
      });
    }
    return {
      entityRef: request.entityRef,
      from,
      to: utcDay(now),
      slos: [...slos.values()],
    };
  }

  /** Visible entities by lower-case ref. */
  private async entities(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Map<string, Entity>> {
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: refs },
      { credentials },
    );
    const map = new Map<string, Entity>();
    items.forEach((e, i) => {
      if (e) map.set(refs[i], e);
    });
    return map;
  }

  /** Computes an entity without snapshot and stores it; one computation at a time per entity. */
  private computeOnce(entity: Entity): Promise<DoraEntitySlos> {
    const entityRef = stringifyEntityRef(entity);
    const key = snapshotKey(entityRef);
    let running = this.inFlight.get(key);
    if (!running) {
      running = (async () => {
        const now = this.now();
        const body = await this.options.compute.computeForEntity({
          entity,
          entityRef,
          now: new Date(now),
        });
        // Nothing to compute without definitions: no row, so an entity
        // that gains an SLO file is picked up on its next read.
        if (body.definitions.type !== 'none') {
          await this.options.store.write([{ entityRef, body }], now);
        }
        return { ...body, computedAt: new Date(now).toISOString() };
      })().finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, running);
    }
    return running;
  }
}

function served(stored: StoredSloSnapshot): DoraEntitySlos {
  return {
    ...stored.body,
    computedAt: new Date(stored.computedAt).toISOString(),
  };
}

function normalizeRef(ref: string, field: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref.trim(), { defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(
      `Invalid '${field}': expected entity refs like component:default/name, got '${ref}'`,
    );
  }
}
