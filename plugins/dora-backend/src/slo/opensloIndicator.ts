import type { DocReader } from './openslo';
import { SliSource, SloDefinition, ThresholdObjective } from './types';

type Path = Array<string | number>;
const DEFAULT_STEP_MS = 5 * 60_000;
const OPS = ['lt', 'lte', 'gt', 'gte'] as const;

function readSource(r: DocReader, path: Path, role?: string): SliSource {
  const type = r.string([...path, 'metricSource', 'type'])!;
  const spec = [...path, 'metricSource', 'spec'];
  if (type === 'paved-road-incidents') {
    const severities = r.get([...spec, 'severities']);
    if (severities !== undefined && !Array.isArray(severities)) {
      r.fail([...spec, 'severities'], 'expected a list of severities');
    }
    return {
      type: 'incidents',
      entityRef: r.string([...spec, 'entityRef'], true),
      severities: severities as string[] | undefined,
    };
  }
  if (type === 'prometheus') {
    const query = r.string([...spec, 'query'])!;
    const step = r.get([...spec, 'step']);
    const stepMs =
      step === undefined ? DEFAULT_STEP_MS : r.duration([...spec, 'step']);
    return role
      ? { type: 'prometheus', [role]: query, stepMs }
      : { type: 'prometheus', query, stepMs };
  }
  return r.fail(
    [...path, 'metricSource', 'type'],
    `expected 'paved-road-incidents' or 'prometheus', got '${type}'`,
  );
}

function readRatio(r: DocReader, base: Path): SliSource {
  const ratio = [...base, 'ratioMetric'];
  const hasGood = r.get([...ratio, 'good']) !== undefined;
  const hasBad = r.get([...ratio, 'bad']) !== undefined;
  if (hasGood === hasBad) {
    r.fail(ratio, "expected exactly one of 'good' or 'bad' with 'total'");
  }
  const role = hasGood ? 'good' : 'bad';
  const first = readSource(r, [...ratio, role], role);
  if (first.type === 'incidents') {
    return first;
  }
  const total = readSource(r, [...ratio, 'total'], 'total');
  if (total.type !== 'prometheus') {
    return r.fail(
      [...ratio, 'total', 'metricSource', 'type'],
      "expected 'prometheus' like the other query",
    );
  }
  return {
    ...first,
    total: total.total,
    stepMs: Math.min(first.stepMs, total.stepMs),
  };
}

/** Reads the SLO's indicator, inline (`spec.indicator`) or by `spec.indicatorRef`. */
export function readIndicator(
  slo: DocReader,
  slis: Map<string, DocReader>,
): SloDefinition['indicator'] {
  let r = slo;
  let base: Path = ['spec', 'indicator', 'spec'];
  const ref = slo.string(['spec', 'indicatorRef'], true);
  if (ref) {
    const sli = slis.get(ref);
    if (!sli) {
      return slo.fail(
        ['spec', 'indicatorRef'],
        `no SLI named '${ref}' in this file`,
      );
    }
    r = sli;
    base = ['spec'];
  } else if (slo.get(['spec', 'indicator']) === undefined) {
    return slo.fail(
      ['spec', 'indicator'],
      "expected an inline 'indicator' or an 'indicatorRef'",
    );
  }
  if (r.get([...base, 'ratioMetric']) !== undefined) {
    return { kind: 'ratio', source: readRatio(r, base) };
  }
  if (r.get([...base, 'thresholdMetric']) !== undefined) {
    const source = readSource(r, [...base, 'thresholdMetric']);
    if (source.type !== 'prometheus') {
      return r.fail(
        [...base, 'thresholdMetric', 'metricSource', 'type'],
        "expected 'prometheus' for a threshold metric",
      );
    }
    const objective = ['spec', 'objectives', 0];
    const op = slo.string([...objective, 'op'])!;
    const value = slo.get([...objective, 'value']);
    if (!OPS.includes(op as ThresholdObjective['op'])) {
      slo.fail(
        [...objective, 'op'],
        `expected one of ${OPS.join(', ')}, got '${op}'`,
      );
    }
    if (typeof value !== 'number') {
      slo.fail([...objective, 'value'], 'expected a number');
    }
    return {
      kind: 'threshold',
      source,
      objective: { op: op as ThresholdObjective['op'], value: value as number },
    };
  }
  return r.fail(base, "expected 'ratioMetric' or 'thresholdMetric'");
}
