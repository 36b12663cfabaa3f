import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { DoraEntitySlos } from '@paved-road/plugin-dora-common';
import {
  DatabaseSloSnapshots,
  snapshotKey,
  utcDay,
} from './DatabaseSloSnapshots';
import { DefaultSloService } from './DefaultSloService';
import { mapPool } from './pool';
import { SloAlertNotifier } from './SloAlertNotifier';
import { OPENSLO_REF_ANNOTATION } from './SloDefinitionReader';
import { SloCatalog, MAX_SLO_HISTORY_DAYS } from './SloSnapshotService';

const DAY_MS = 86_400_000;
// `CATALOG_FILTER_EXISTS` of @backstage/catalog-client, a registered symbol
// by design (equal across copies of that package), which this package
// does not depend on.
const FILTER_EXISTS = Symbol.for(
  'CATALOG_FILTER_EXISTS_0e15b590c0b343a2bae3e787e84c2111',
);
const WRITE_BATCH = 100;

/** What one refresh did. */
export interface SloRefreshResult {
  entities: number;
  slos: number;
  /** SLOs stored with an error status (and entities whose file failed). */
  errors: number;
  aborted: boolean;
}

/**
 * One pass of the scheduled SLO computation: every entity with SLO
 * definitions (the `paved-road.dev/openslo-ref` annotation or
 * `dora.slo.definitions`) is computed once, each SLO loading its data once,
 * and stored as the entity's snapshot with the day's history row. Failures
 * stay per SLO (an error status); an unexpected failure of one entity is
 * stored as that entity's error. After a full pass, snapshots of entities
 * that lost their SLOs and history older than 400 days are removed.
 */
export class SloSnapshotRefresher {
  private constructor(
    private readonly options: {
      catalog: SloCatalog;
      auth: Pick<AuthService, 'getOwnServiceCredentials'>;
      compute: Pick<DefaultSloService, 'computeForEntity'>;
      configuredEntityRefs: () => string[];
      store: DatabaseSloSnapshots;
      logger: LoggerService;
      concurrency: number;
      now?: () => number;
      /** Tells owners when an SLO alert starts or resolves. */
      notifier?: Pick<SloAlertNotifier, 'notify' | 'purge'>;
    },
  ) {}

  static create(options: SloSnapshotRefresher['options']) {
    return new SloSnapshotRefresher(options);
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  async run(signal?: AbortSignal): Promise<SloRefreshResult> {
    const { store, logger } = this.options;
    const started = this.now();
    const entities = await this.listEntities();
    const result: SloRefreshResult = {
      entities: 0,
      slos: 0,
      errors: 0,
      aborted: false,
    };
    let batch: Array<{
      entityRef: string;
      body: DoraEntitySlos;
      entity: Entity;
    }> = [];
    const flush = async () => {
      const writing = batch;
      batch = [];
      if (writing.length === 0) return;
      const { notifier } = this.options;
      if (notifier) {
        // Compared with the stored state before it is replaced.
        const previous = await store.readMany(writing.map(w => w.entityRef));
        for (const w of writing) {
          await notifier.notify(
            w.entity,
            previous.get(snapshotKey(w.entityRef)),
            w.body,
          );
        }
      }
      await store.write(
        writing.map(({ entityRef, body }) => ({ entityRef, body })),
        this.now(),
      );
    };
    await mapPool(
      entities,
      this.options.concurrency,
      async entity => {
        const entityRef = stringifyEntityRef(entity);
        const body = await this.computeEntity(entity, entityRef);
        result.entities += 1;
        result.slos += body.slos.length;
        result.errors +=
          body.slos.filter(s => s.status === 'error').length +
          (body.error ? 1 : 0);
        batch.push({ entityRef, body, entity });
        if (batch.length >= WRITE_BATCH) await flush();
      },
      signal,
    );
    await flush();
    if (signal?.aborted) {
      result.aborted = true;
      logger.warn(
        `SLO refresh aborted after ${result.entities} of ${entities.length} entities`,
      );
      return result;
    }
    await store.deleteSnapshotsBefore(started);
    await this.options.notifier?.purge();
    await store.deleteHistoryBefore(
      utcDay(started - MAX_SLO_HISTORY_DAYS * DAY_MS),
    );
    logger.info(
      `SLO refresh computed ${result.slos} SLOs of ${
        result.entities
      } entities (${result.errors} errors) in ${this.now() - started} ms`,
    );
    return result;
  }

  private async computeEntity(
    entity: Entity,
    entityRef: string,
  ): Promise<DoraEntitySlos> {
    try {
      return await this.options.compute.computeForEntity({
        entity,
        entityRef,
        now: new Date(this.now()),
      });
    } catch (e) {
      this.options.logger.warn(
        `SLOs of '${entityRef}' could not be computed: ${(e as Error).message}`,
      );
      return {
        entityRef,
        definitions: { type: 'none' },
        error: { message: `Could not compute the SLOs: ${(e as Error).name}` },
        slos: [],
      };
    }
  }

  /** Entities with an SLO file annotation or configured definitions. */
  private async listEntities(): Promise<Entity[]> {
    const { catalog } = this.options;
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { items: annotated } = await catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${OPENSLO_REF_ANNOTATION}`]: FILTER_EXISTS,
        },
      },
      { credentials },
    );
    const byKey = new Map<string, Entity>();
    annotated.forEach(e => byKey.set(snapshotKey(stringifyEntityRef(e)), e));
    const configured = this.options
      .configuredEntityRefs()
      .filter(ref => !byKey.has(ref));
    if (configured.length > 0) {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: configured },
        { credentials },
      );
      items.forEach(e => {
        if (e) byKey.set(snapshotKey(stringifyEntityRef(e)), e);
      });
    }
    return [...byKey.values()];
  }
}
