import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader, readDurationFromConfig } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DORA_ANNOTATIONS, DoraLinkRule } from '@paved-road/plugin-dora-common';
import { EntityLinking } from '../database/linking';
import { toMs } from './retention';

/**
 * An entity's own attribution rules, e.g.
 * `rules=explicit,rollback,latest-before; lookback=7d` (either part may be
 * left out; `lookback=none` lifts a configured lookback).
 */
const DORA_LINKING_ANNOTATION = DORA_ANNOTATIONS.doraLinking;

const RULES: DoraLinkRule[] = ['explicit', 'rollback', 'latest-before'];
const HOUR_MS = 3600000;

/**
 * Parses the annotation's value; throws an error saying what to fix.
 *
 * @internal
 */
export function parseLinkingAnnotation(
  value: string,
): Omit<EntityLinking, 'entityRef'> {
  if (value.length > 500) {
    throw new Error('expected at most 500 characters');
  }
  const result: Omit<EntityLinking, 'entityRef'> = {
    rules: null,
    lookbackSet: false,
    lookbackMs: null,
    annotation: value,
  };
  const parts = value
    .split(';')
    .map(p => p.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new Error('expected rules=... or lookback=...');
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq).trim();
    const v = eq < 0 ? '' : part.slice(eq + 1).trim();
    if (key === 'rules') {
      const rules = v
        .split(',')
        .map(r => r.trim())
        .filter(Boolean);
      const unknown = rules.find(r => !RULES.includes(r as DoraLinkRule));
      if (rules.length === 0 || unknown !== undefined) {
        throw new Error(
          `rules: expected some of ${RULES.join(', ')}${
            unknown ? `, got '${unknown}'` : ''
          }`,
        );
      }
      if (new Set(rules).size !== rules.length) {
        throw new Error('rules: expected each rule at most once');
      }
      result.rules = rules as DoraLinkRule[];
    } else if (key === 'lookback') {
      result.lookbackSet = true;
      if (v === 'none') continue;
      let ms = NaN;
      try {
        ms = toMs(
          readDurationFromConfig(new ConfigReader({ v }), { key: 'v' }),
        );
      } catch {
        // reported below
      }
      if (!(ms >= HOUR_MS)) {
        throw new Error(
          `lookback: expected a duration of at least one hour like 7d or P7D, or none; got '${v}'`,
        );
      }
      result.lookbackMs = ms;
    } else {
      throw new Error(`unknown key '${key}', expected rules or lookback`);
    }
  }
  return result;
}

/**
 * Reads the annotation of every entity that has it and stores what changed
 * (recomputing those entities' links). A malformed value is logged with the
 * entity and ignored: the configured rules hold for that entity.
 *
 * @internal
 */
export async function syncEntityLinking(options: {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  store: {
    applyEntityLinking(entities: EntityLinking[]): Promise<string[]>;
  };
}): Promise<string[]> {
  const { items } = await options.catalog.getEntities(
    {
      filter: {
        [`metadata.annotations.${DORA_LINKING_ANNOTATION}`]:
          CATALOG_FILTER_EXISTS,
      },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.annotations',
      ],
    },
    { credentials: await options.auth.getOwnServiceCredentials() },
  );
  const entities: EntityLinking[] = [];
  for (const entity of items) {
    const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    const value = entity.metadata.annotations?.[DORA_LINKING_ANNOTATION] ?? '';
    try {
      entities.push({ entityRef, ...parseLinkingAnnotation(value) });
    } catch (error) {
      options.logger.warn(
        `Ignoring annotation ${DORA_LINKING_ANNOTATION} of ${entityRef}: ${
          (error as Error).message
        }`,
      );
    }
  }
  const changed = await options.store.applyEntityLinking(entities);
  if (changed.length > 0) {
    options.logger.info(
      `DORA incident links recomputed for ${changed.length} entities whose ${DORA_LINKING_ANNOTATION} changed`,
    );
  }
  return changed;
}

/**
 * Runs {@link syncEntityLinking} on a schedule, once across instances.
 *
 * @internal
 */
export async function scheduleEntityLinkingSync(
  options: Parameters<typeof syncEntityLinking>[0] & {
    scheduler: SchedulerService;
  },
) {
  await options.scheduler.scheduleTask({
    id: 'dora-entity-linking',
    frequency: { minutes: 10 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 15 },
    scope: 'global',
    fn: async () => {
      await syncEntityLinking(options);
    },
  });
}
