import type { DocReader } from './openslo';
import { SLO_BOUNDS, timesliceCount } from './sloBounds';
import { BurnRateCondition } from './types';

type Path = Array<string | number>;

/**
 * Multi-window, multi-burn-rate defaults from the Google SRE workbook for a
 * 30-day SLO: page at 14.4x over 1h (and 5m) or 6x over 6h (and 30m); ticket
 * at 3x over 1d (and 2h) or 1x over 3d (and 6h).
 */
export const DEFAULT_BURN_RATE_CONDITIONS: BurnRateCondition[] = [
  {
    name: 'page-1h',
    severity: 'page',
    threshold: 14.4,
    longWindowMs: 3_600_000,
    shortWindowMs: 300_000,
  },
  {
    name: 'page-6h',
    severity: 'page',
    threshold: 6,
    longWindowMs: 21_600_000,
    shortWindowMs: 1_800_000,
  },
  {
    name: 'ticket-1d',
    severity: 'ticket',
    threshold: 3,
    longWindowMs: 86_400_000,
    shortWindowMs: 7_200_000,
  },
  {
    name: 'ticket-3d',
    severity: 'ticket',
    threshold: 1,
    longWindowMs: 259_200_000,
    shortWindowMs: 21_600_000,
  },
];

function readLookback(r: DocReader, path: Path, timesliceMs?: number) {
  const ms = r.duration(path);
  const raw = r.get(path);
  if (ms > SLO_BOUNDS.maxWindowMs) {
    r.fail(path, `expected at most ${SLO_BOUNDS.maxWindowLabel}, got '${raw}'`);
  }
  const slices = timesliceMs ? timesliceCount(ms, timesliceMs) : 0;
  if (slices > SLO_BOUNDS.maxTimeslices) {
    r.fail(
      path,
      `expected at most ${SLO_BOUNDS.maxTimeslices.toLocaleString(
        'en-US',
      )} timeslices, got ${slices.toLocaleString('en-US')} ('${raw}')`,
    );
  }
  return ms;
}

function readCondition(
  r: DocReader,
  path: Path,
  fallbackName: string,
  timesliceMs?: number,
): BurnRateCondition {
  const cond = [...path, 'condition'];
  const kind = r.string([...cond, 'kind'])!;
  if (kind !== 'burnrate') {
    r.fail([...cond, 'kind'], `expected 'burnrate', got '${kind}'`);
  }
  const severity = r.string([...path, 'severity'])!;
  if (severity !== 'page' && severity !== 'ticket') {
    r.fail(
      [...path, 'severity'],
      `expected 'page' or 'ticket', got '${severity}'`,
    );
  }
  const threshold = r.get([...cond, 'threshold']);
  if (typeof threshold !== 'number' || threshold <= 0) {
    r.fail(
      [...cond, 'threshold'],
      'expected a positive number (burn-rate factor)',
    );
  }
  const longWindowMs = readLookback(
    r,
    [...cond, 'lookbackWindow'],
    timesliceMs,
  );
  return {
    name: fallbackName,
    severity,
    threshold: threshold as number,
    longWindowMs,
    // SRE workbook: the short window is 1/12 of the long one (1h/5m, 6h/30m).
    shortWindowMs: Math.round(longWindowMs / 12),
  };
}

function readPolicy(
  r: DocReader,
  base: Path,
  conditions: Map<string, DocReader>,
  timesliceMs?: number,
): BurnRateCondition[] {
  const list = r.get([...base, 'conditions']);
  if (!Array.isArray(list) || list.length === 0) {
    return r.fail(
      [...base, 'conditions'],
      'expected a list of alert conditions',
    );
  }
  return list.map((item, i) => {
    const path = [...base, 'conditions', i];
    const ref = (item as { conditionRef?: unknown }).conditionRef;
    if (typeof ref === 'string') {
      const c = conditions.get(ref);
      return c
        ? readCondition(c, ['spec'], ref, timesliceMs)
        : r.fail(
            [...path, 'conditionRef'],
            `no AlertCondition named '${ref}' in this file`,
          );
    }
    const name =
      r.string([...path, 'metadata', 'name'], true) ?? `condition-${i}`;
    return readCondition(r, [...path, 'spec'], name, timesliceMs);
  });
}

/**
 * Burn-rate conditions of the SLO's alert policies (inline or referenced by
 * name); the SRE workbook defaults when it has none.
 */
export function readAlertPolicies(
  slo: DocReader,
  byKind: Map<string, Map<string, DocReader>>,
  timesliceMs?: number,
): BurnRateCondition[] {
  const policies = slo.get(['spec', 'alertPolicies']);
  if (policies === undefined) {
    return DEFAULT_BURN_RATE_CONDITIONS;
  }
  if (!Array.isArray(policies)) {
    return slo.fail(['spec', 'alertPolicies'], 'expected a list');
  }
  const named = byKind.get('AlertPolicy') ?? new Map();
  const conditions = byKind.get('AlertCondition') ?? new Map();
  const read = policies.flatMap((p, i) => {
    const ref = (p as { alertPolicyRef?: unknown }).alertPolicyRef;
    if (typeof ref === 'string') {
      const policy = named.get(ref);
      return policy
        ? readPolicy(policy, ['spec'], conditions, timesliceMs)
        : slo.fail(
            ['spec', 'alertPolicies', i, 'alertPolicyRef'],
            `no AlertPolicy named '${ref}' in this file`,
          );
    }
    return readPolicy(
      slo,
      ['spec', 'alertPolicies', i, 'spec'],
      conditions,
      timesliceMs,
    );
  });
  if (read.length > SLO_BOUNDS.maxAlertConditions) {
    slo.fail(
      ['spec', 'alertPolicies'],
      `expected at most ${SLO_BOUNDS.maxAlertConditions} alert conditions per SLO, got ${read.length}`,
    );
  }
  return read;
}
