import { Config, readDurationFromConfig } from '@backstage/config';
import { DoraLinkRule } from '@paved-road/plugin-dora-common';
import {
  DEFAULT_LINKING,
  IncidentFilter,
  LinkingPolicy,
} from '../database/linking';
import { toMs } from './retention';

const RULES: DoraLinkRule[] = ['explicit', 'rollback', 'latest-before'];
const HOUR_MS = 3600000;
const MAX_LIST = 100;

const invalid = (key: string, expected: string) =>
  new Error(`Invalid configuration: '${key}': ${expected}`);

function stringList(config: Config, key: string, path: string) {
  let values: string[] | undefined;
  try {
    values = config.getOptionalStringArray(key);
  } catch {
    throw invalid(path, 'expected a list of strings');
  }
  if (values === undefined) return undefined;
  if (values.length === 0 || values.length > MAX_LIST) {
    throw invalid(path, `expected 1 to ${MAX_LIST} values`);
  }
  return values;
}

function readRules(config: Config): DoraLinkRule[] {
  const key = 'dora.linking.rules';
  const rules = stringList(config, 'rules', key) ?? DEFAULT_LINKING.rules;
  for (const rule of rules) {
    if (!RULES.includes(rule as DoraLinkRule)) {
      throw invalid(
        key,
        `unknown rule '${rule}', expected some of ${RULES.join(', ')}`,
      );
    }
  }
  if (new Set(rules).size !== rules.length) {
    throw invalid(key, 'expected each rule at most once');
  }
  return rules as DoraLinkRule[];
}

function readLookback(config: Config): number | null {
  if (!config.has('lookback')) return null;
  const expected =
    "expected a duration of at least one hour, e.g. '7d', { days: 7 } or 'P7D'";
  let ms: number;
  try {
    ms = toMs(readDurationFromConfig(config, { key: 'lookback' }));
  } catch {
    throw invalid('dora.linking.lookback', expected);
  }
  if (!(ms >= HOUR_MS)) throw invalid('dora.linking.lookback', expected);
  return ms;
}

function readFilters(config: Config): IncidentFilter[] {
  const key = 'dora.incidents.exclude';
  let filters: Config[] | undefined;
  try {
    filters = config.getOptionalConfigArray('incidents.exclude');
  } catch {
    throw invalid(key, 'expected a list of filters like { severity: [sev4] }');
  }
  if (!filters) return [];
  if (filters.length > MAX_LIST) {
    throw invalid(key, `expected at most ${MAX_LIST} filters`);
  }
  return filters.map((filter, index) => {
    const at = `${key}[${index}]`;
    const known = ['source', 'severity', 'attribute', 'values'];
    const unknown = filter.keys().filter(k => !known.includes(k));
    if (unknown.length > 0) {
      throw invalid(
        `${at}.${unknown[0]}`,
        `unknown key, expected some of ${known.join(', ')}`,
      );
    }
    let source: string | undefined;
    let attribute: string | undefined;
    try {
      source = filter.getOptionalString('source');
    } catch {
      throw invalid(`${at}.source`, 'expected a string');
    }
    try {
      attribute = filter.getOptionalString('attribute');
    } catch {
      throw invalid(`${at}.attribute`, 'expected a string');
    }
    const severity = stringList(filter, 'severity', `${at}.severity`);
    const values = stringList(filter, 'values', `${at}.values`);
    if (values && !attribute) {
      throw invalid(`${at}.values`, "expected together with 'attribute'");
    }
    if (!source && !severity && !attribute) {
      throw invalid(
        at,
        'expected at least one of source, severity or attribute (an empty filter would exclude every incident)',
      );
    }
    return { source, severity, attribute, values };
  });
}

/**
 * Reads `dora.linking` and `dora.incidents.exclude`, failing at start-up
 * with the key that is wrong. Absent, the round-1 definitions hold.
 *
 * @internal
 */
export function readLinkingPolicy(config: Config): LinkingPolicy {
  const dora = config.getOptionalConfig('dora');
  if (!dora) return DEFAULT_LINKING;
  const linking = dora.getOptionalConfig('linking');
  return {
    rules: linking ? readRules(linking) : DEFAULT_LINKING.rules,
    lookbackMs: linking ? readLookback(linking) : null,
    exclude: readFilters(dora),
  };
}
