import { mockCredentials } from '@backstage/backend-test-utils';
import { http, passthrough } from 'msw';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Lets calls to the test backend itself through msw. */
export const localBackend = http.all(
  /^http:\/\/(localhost|127\.0\.0\.1):\d+\//,
  () => passthrough(),
);

/** GET a DORA backend route with service credentials; the parsed body. */
export async function getDora(server: Server, path: string): Promise<any> {
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}/api/dora${path}`, {
    headers: { Authorization: mockCredentials.service.header() },
  });
  if (!response.ok) {
    throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

/** The provider's entry in `GET /api/dora/providers`. */
export async function providerStatus(server: Server, id: string) {
  const body = await getDora(server, '/providers');
  return body.items.find((p: { id: string }) => p.id === id);
}
