/*
 * Tech Insights' json-rules-engine fact checker over the same fact values,
 * served from memory (no database), as a baseline.
 */
import { JsonRulesEngineFactChecker } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { Entity } from '@backstage/catalog-model';
import { DateTime } from 'luxon';
import { CHECKS } from './workload';

const RETRIEVER = 'bench-retriever';

/** Flat json-rules-engine facts for one entity, from the values our checks observe. */
export function flatFacts(
  observed: Map<string, unknown>,
  now: number,
): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const check of CHECKS) {
    const value = observed.get(check.id);
    if (check.id === 'owner-group') {
      facts[check.id] =
        Array.isArray(value) && value.some(v => String(v).startsWith('group:'));
    } else if (check.id === 'deployed-recently') {
      facts[check.id] =
        typeof value === 'string'
          ? (now - Date.parse(value)) / 86_400_000
          : null;
    } else {
      facts[check.id] = value ?? null;
    }
  }
  return facts;
}

/** A fact checker whose repository answers from `factsByEntity`. */
export function createJsonfcChecker(
  factsByEntity: Map<string, Record<string, unknown>>,
  entities: Entity[],
) {
  const schema = Object.fromEntries(
    CHECKS.map(c => [
      c.id,
      {
        type:
          typeof [...factsByEntity.values()][0][c.id] === 'number'
            ? 'integer'
            : 'string',
        description: c.id,
      },
    ]),
  );
  const repository = {
    async getLatestFactsByIds(_ids: string[], entity: string) {
      return {
        [RETRIEVER]: {
          id: RETRIEVER,
          entity: { namespace: 'default', kind: 'component', name: entity },
          timestamp: DateTime.now(),
          version: '0.0.1',
          facts: factsByEntity.get(entity)!,
        },
      };
    },
    async getLatestSchemas() {
      return [schema];
    },
    async getEntities() {
      return entities.map(e => ({
        kind: 'component',
        namespace: 'default',
        name: e.metadata.name,
      }));
    },
  } as any;
  const logger = {
    info() {},
    warn() {},
    error() {},
    debug() {},
    child() {
      return logger;
    },
  } as any;
  return new JsonRulesEngineFactChecker({
    checks: CHECKS.map(c => ({
      id: c.id,
      type: 'json-rules-engine',
      name: c.id,
      description: c.id,
      factIds: [RETRIEVER],
      rule: {
        conditions: {
          all: [
            {
              fact: c.id,
              operator: c.jsonfc.operator,
              value: c.jsonfc.value as any,
            },
          ],
        },
      },
    })),
    repository,
    logger,
  });
}
