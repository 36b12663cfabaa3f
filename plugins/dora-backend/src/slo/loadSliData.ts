import { PrometheusClient } from './PrometheusClient';
import { IncidentSliData, SampledSliData, SliData, SliSample } from './sliData';
import { SloDefinition, ThresholdObjective } from './types';

/** An incident as the SLO computations need it (epoch ms). */
export interface SloIncident {
  openedAt: number;
  resolvedAt: number | null;
  severity: string | null;
}

/** Where SLI data is loaded from. */
export interface SliSources {
  /** Incidents of an entity that may overlap [from, to). */
  incidents(options: {
    entityRef: string;
    from: Date;
    to: Date;
  }): Promise<SloIncident[]>;
  /** The configured Prometheus, if any. */
  prometheus?: PrometheusClient;
}

const COMPARE: Record<
  ThresholdObjective['op'],
  (a: number, b: number) => boolean
> = {
  lt: (a, b) => a < b,
  lte: (a, b) => a <= b,
  gt: (a, b) => a > b,
  gte: (a, b) => a >= b,
};

/**
 * Loads the SLI data of one SLO over [from, to): incident downtime from the
 * DORA store, or Prometheus range queries.
 */
export async function loadSliData(options: {
  slo: SloDefinition;
  entityRef: string;
  from: Date;
  to: Date;
  sources: SliSources;
  /** Severities counted as downtime when the SLI does not list any. */
  defaultSeverities?: string[];
}): Promise<SliData> {
  const { slo, from, to, sources } = options;
  const source = slo.indicator.source;
  if (source.type === 'incidents') {
    const severities = source.severities ?? options.defaultSeverities;
    const incidents = await sources.incidents({
      entityRef: source.entityRef ?? options.entityRef,
      from,
      to,
    });
    return new IncidentSliData(
      incidents.filter(
        i =>
          !severities ||
          severities.length === 0 ||
          (i.severity !== null && severities.includes(i.severity)),
      ),
      to.getTime(),
    );
  }
  const prometheus = sources.prometheus;
  if (!prometheus) {
    throw new Error(
      "No Prometheus is configured: set 'dora.slo.prometheus.baseUrl'",
    );
  }
  const range = { start: from, end: to, stepMs: source.stepMs };
  if (slo.indicator.kind === 'threshold') {
    const { op, value } = slo.indicator.objective;
    const values = await prometheus.queryRange({
      ...range,
      query: source.query!,
    });
    return new SampledSliData(
      [...values].map(([t, v]) => ({
        t,
        total: 1,
        good: COMPARE[op](v, value) ? 1 : 0,
      })),
    );
  }
  const [first, total] = await Promise.all([
    prometheus.queryRange({ ...range, query: (source.good ?? source.bad)! }),
    prometheus.queryRange({ ...range, query: source.total! }),
  ]);
  const samples: SliSample[] = [];
  for (const [t, all] of total) {
    const counted = first.get(t) ?? 0;
    samples.push({
      t,
      total: all,
      good: source.good ? counted : all - counted,
    });
  }
  return new SampledSliData(samples);
}
