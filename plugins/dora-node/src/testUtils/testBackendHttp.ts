import { mockCredentials } from '@backstage/backend-test-utils';
import { http, passthrough } from 'msw';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DoraProviderStatus } from '@paved-road/plugin-dora-node';

/**
 * An msw handler letting requests to a test backend on this machine
 * through, for tests that fake a vendor with msw and call the backend over
 * HTTP in the same process.
 *
 * @public
 */
export const localBackendPassthrough = http.all(
  /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//,
  () => passthrough(),
);

/** `http://127.0.0.1:<port>` of a test backend's server. */
export function testBackendUrl(server: Server): string {
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/**
 * `GET /api/dora<path>` of a test backend with service credentials: the
 * parsed body. Throws naming the status and body when the answer is not 2xx.
 *
 * @public
 */
export async function getDora(server: Server, path: string): Promise<any> {
  const response = await fetch(`${testBackendUrl(server)}/api/dora${path}`, {
    headers: { Authorization: mockCredentials.service.header() },
  });
  if (!response.ok) {
    throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

/**
 * A provider's entry in `GET /api/dora/providers` of a test backend;
 * `undefined` when no such provider is installed.
 *
 * @public
 */
export async function getProviderStatus(
  server: Server,
  providerId: string,
): Promise<DoraProviderStatus | undefined> {
  const body: { items: DoraProviderStatus[] } = await getDora(
    server,
    '/providers',
  );
  return body.items.find(p => p.id === providerId);
}

/**
 * Posts a delivery to `/api/dora/webhooks/<providerId>` of a test backend,
 * without Backstage credentials: the status and the parsed body.
 *
 * @public
 */
export async function postDoraWebhook(
  server: Server,
  providerId: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(
    `${testBackendUrl(server)}/api/dora/webhooks/${providerId}`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    },
  );
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}
