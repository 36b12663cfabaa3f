import { ForwardedError, ResponseError } from '@backstage/errors';

/** Options of {@link PrometheusClient}. */
export interface PrometheusClientOptions {
  /** Base URL of the Prometheus HTTP API, e.g. `http://prometheus:9090`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string;
  /** Request timeout in ms (default 10 s). */
  timeoutMs?: number;
}

/** Default of `dora.slo.prometheus.timeout`. */
export const DEFAULT_PROMETHEUS_TIMEOUT_MS = 10_000;

interface MatrixResponse {
  status: 'success' | 'error';
  data?: {
    resultType: string;
    result: Array<{
      metric: Record<string, string>;
      values: Array<[number, string]>;
    }>;
  };
  errorType?: string;
  error?: string;
}

/**
 * Minimal client of the Prometheus HTTP API (`/api/v1/query_range`).
 * Series of a matrix result are summed per timestamp. Every request times
 * out; errors are summarised without the query (an SLO's status is shown to
 * anyone who can see the entity) and without the token.
 */
export class PrometheusClient {
  private readonly baseUrl: string;
  private readonly token?: string;
  private readonly timeoutMs: number;

  constructor(options: PrometheusClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_PROMETHEUS_TIMEOUT_MS;
  }

  /** Values of `query` for every step in [start, end], keyed by epoch ms. */
  async queryRange(options: {
    query: string;
    start: Date;
    end: Date;
    stepMs: number;
    /** Names the query in errors, e.g. `'total' query`; never the query text. */
    label?: string;
  }): Promise<Map<number, number>> {
    const label = options.label ?? 'query';
    try {
      return await this.fetchRange(options, label);
    } catch (e) {
      const name = (e as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new Error(
          `Prometheus did not answer the ${label} within ${
            this.timeoutMs / 1000
          } s; raise 'dora.slo.prometheus.timeout' or make the query cheaper`,
        );
      }
      if (e instanceof ForwardedError || name === 'PrometheusError') {
        throw e;
      }
      // Network failures (refused, DNS): the cause's code, not its text.
      const code = (e as { cause?: { code?: unknown } })?.cause?.code;
      throw new Error(
        `Could not reach Prometheus for the ${label}${
          typeof code === 'string' ? ` (${code})` : ''
        }`,
      );
    }
  }

  private async fetchRange(
    options: { query: string; start: Date; end: Date; stepMs: number },
    label: string,
  ): Promise<Map<number, number>> {
    const params = new URLSearchParams({
      query: options.query,
      start: String(options.start.getTime() / 1000),
      end: String(options.end.getTime() / 1000),
      step: `${Math.round(options.stepMs / 1000)}s`,
    });
    const response = await fetch(
      `${this.baseUrl}/api/v1/query_range?${params}`,
      {
        headers: this.token ? { Authorization: `Bearer ${this.token}` } : {},
        signal: AbortSignal.timeout(this.timeoutMs),
      },
    );
    if (!response.ok && response.status !== 400 && response.status !== 422) {
      // ResponseError's message is the status only, never the URL or body.
      throw new ForwardedError(
        `Prometheus failed the ${label}`,
        await ResponseError.fromResponse(response),
      );
    }
    let body: MatrixResponse;
    try {
      body = (await response.json()) as MatrixResponse;
    } catch (e) {
      if ((e as Error)?.name === 'SyntaxError') {
        throw prometheusError(
          `Prometheus answered the ${label} with HTTP ${response.status} and a body that is not JSON`,
        );
      }
      throw e;
    }
    if (body.status !== 'success' || !body.data) {
      // Prometheus's own error text quotes the query: keep only its type.
      throw prometheusError(
        `Prometheus rejected the ${label} (HTTP ${response.status}, ${
          body.errorType ?? 'error'
        }); run it in Prometheus to see why`,
      );
    }
    if (body.data.resultType !== 'matrix') {
      throw prometheusError(
        `Prometheus answered a '${body.data.resultType}' result to the ${label}, expected 'matrix'`,
      );
    }
    const sums = new Map<number, number>();
    for (const series of body.data.result) {
      for (const [ts, raw] of series.values) {
        const value = Number(raw);
        if (Number.isFinite(value)) {
          const t = Math.round(ts * 1000);
          sums.set(t, (sums.get(t) ?? 0) + value);
        }
      }
    }
    return sums;
  }
}

function prometheusError(message: string): Error {
  const error = new Error(message);
  error.name = 'PrometheusError';
  return error;
}
