import { ResponseError } from '@backstage/errors';

/** Options of {@link PrometheusClient}. */
export interface PrometheusClientOptions {
  /** Base URL of the Prometheus HTTP API, e.g. `http://prometheus:9090`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string;
  /** Request timeout in ms (default 10 s). */
  timeoutMs?: number;
}

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
 * Series of a matrix result are summed per timestamp.
 */
export class PrometheusClient {
  private readonly baseUrl: string;
  private readonly token?: string;
  private readonly timeoutMs: number;

  constructor(options: PrometheusClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Values of `query` for every step in [start, end], keyed by epoch ms. */
  async queryRange(options: {
    query: string;
    start: Date;
    end: Date;
    stepMs: number;
  }): Promise<Map<number, number>> {
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
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as MatrixResponse;
    if (body.status !== 'success' || !body.data) {
      throw new Error(
        `Prometheus rejected the query '${options.query}': ${
          body.errorType ?? 'error'
        }: ${body.error ?? 'no reason given'}`,
      );
    }
    if (body.data.resultType !== 'matrix') {
      throw new Error(
        `Prometheus answered a '${body.data.resultType}' result, expected 'matrix'`,
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
