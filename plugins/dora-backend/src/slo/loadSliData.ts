import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
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

function normalizeRef(ref: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return ref.trim().toLocaleLowerCase('en-US');
  }
}

/**
 * The entity whose incidents an incident SLI reads: always the SLO's own
 * entity. A file may still name it in `spec.entityRef`, but not another one:
 * whoever can see this entity would otherwise read another entity's incidents
 * through its SLO figures.
 */
function incidentEntityRef(named: string | undefined, own: string): string {
  if (named !== undefined && normalizeRef(named) !== normalizeRef(own)) {
    throw new InputError(
      `Invalid 'metricSource.spec.entityRef' '${named}': a paved-road-incidents SLI reads only the incidents of the SLO's own entity '${own}'; remove 'entityRef'`,
    );
  }
  return own;
}

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
      entityRef: incidentEntityRef(source.entityRef, options.entityRef),
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
      label: "'query'",
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
    prometheus.queryRange({
      ...range,
      query: (source.good ?? source.bad)!,
      label: source.good ? "'good' query" : "'bad' query",
    }),
    prometheus.queryRange({
      ...range,
      query: source.total!,
      label: "'total' query",
    }),
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
