import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { DoraEntitySlos, DoraSloError } from '@paved-road/plugin-dora-common';
import {
  BURN_RATE_WINDOWS,
  computeSloStatus,
  sloWindowStart,
} from './computeSloStatus';
import { loadSliData, SliSources } from './loadSliData';
import { parseOpenSlo } from './openslo';
import { SloDefinitionReader } from './SloDefinitionReader';
import { SloDefinition, SloParseError } from './types';

const PARSE_CACHE_SIZE = 5000;
const LONGEST_BURN_WINDOW_MS = Math.max(...Object.values(BURN_RATE_WINDOWS));

/** An SLO whose data could not be loaded (e.g. Prometheus down). */
export type SloErrorStatus = DoraSloError;

/** Response of `GET /api/dora/slos?entityRef=`. */
export type EntitySlos = DoraEntitySlos;

/**
 * SLO definitions and their computed state per entity.
 */
export class DefaultSloService {
  private constructor(
    private readonly options: {
      getEntity(
        entityRef: string,
        credentials: BackstageCredentials,
      ): Promise<Entity | undefined>;
      reader: SloDefinitionReader;
      sources: SliSources;
      logger: LoggerService;
      defaultSeverities?: string[];
    },
  ) {}

  static create(options: DefaultSloService['options']) {
    return new DefaultSloService(options);
  }

  // Parsed definitions by file text: the same file is read for every request
  // and full scorecard passes ask for every entity.
  private readonly parsed = new Map<string, SloDefinition[] | SloParseError>();

  private parse(text: string): SloDefinition[] | SloParseError {
    let parsed = this.parsed.get(text);
    if (!parsed) {
      try {
        parsed = parseOpenSlo(text);
      } catch (e) {
        if (!(e instanceof SloParseError)) throw e;
        parsed = e;
      }
      if (this.parsed.size >= PARSE_CACHE_SIZE) {
        this.parsed.delete(this.parsed.keys().next().value!);
      }
      this.parsed.set(text, parsed);
    }
    return parsed;
  }

  async getEntitySlos(request: {
    entityRef: string;
    credentials: BackstageCredentials;
    now?: Date;
  }): Promise<EntitySlos> {
    const entity = await this.options.getEntity(
      request.entityRef,
      request.credentials,
    );
    if (!entity) {
      throw new NotFoundError(
        `No entity '${request.entityRef}' in the catalog`,
      );
    }
    return this.computeForEntity({
      entity,
      entityRef: request.entityRef,
      now: request.now,
    });
  }

  /**
   * Reads, parses and computes the SLOs of an entity the caller already
   * holds (no visibility check): Prometheus and the incident store are
   * queried once per SLO. A failing SLO becomes an error status whose
   * reason names no query and no secret.
   */
  async computeForEntity(request: {
    entity: Entity;
    entityRef: string;
    now?: Date;
  }): Promise<EntitySlos> {
    const { entity } = request;
    const result: EntitySlos = {
      entityRef: request.entityRef,
      definitions: { type: 'none' },
      slos: [],
    };
    let text: string;
    try {
      const source = await this.options.reader.read(entity);
      if (source.type === 'none') {
        return result;
      }
      result.definitions = { type: source.type, location: source.location };
      text = source.text;
    } catch (e) {
      result.error = {
        message: `Could not read the SLO definitions: ${(e as Error).message}`,
      };
      return result;
    }
    const slos = this.parse(text);
    if (slos instanceof SloParseError) {
      result.error = {
        message: slos.message,
        field: slos.field,
        line: slos.line,
      };
      return result;
    }
    const now = request.now ?? new Date();
    result.slos = await Promise.all(
      slos.map(async slo => {
        // Enough history for the window and the longest burn-rate window.
        const from = new Date(
          Math.min(
            sloWindowStart(slo, now),
            now.getTime() -
              Math.max(
                LONGEST_BURN_WINDOW_MS,
                ...slo.alerts.map(a => a.longWindowMs),
              ),
          ),
        );
        try {
          const data = await loadSliData({
            slo,
            entityRef: request.entityRef,
            from,
            to: now,
            sources: this.options.sources,
            defaultSeverities: this.options.defaultSeverities,
          });
          return computeSloStatus(slo, data, now);
        } catch (e) {
          this.options.logger.warn(
            `SLO '${slo.name}' of '${request.entityRef}' failed: ${
              (e as Error).message
            }`,
          );
          return {
            name: slo.name,
            displayName: slo.displayName,
            target: slo.target,
            status: 'error' as const,
            reason: (e as Error).message,
          };
        }
      }),
    );
    return result;
  }
}
