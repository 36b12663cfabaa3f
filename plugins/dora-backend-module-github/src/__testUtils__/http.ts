import { Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A response of the test backend, its body parsed when it is JSON. */
export interface TestResponse {
  status: number;
  body: any;
}

/**
 * Calls the test backend over real HTTP with `fetch` (the msw server in
 * these tests lets requests to the local backend through).
 */
export async function call(
  server: Server,
  path: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
  } = {},
): Promise<TestResponse> {
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}${path}`, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
}
