import { ResponseError } from '@backstage/errors';
import {
  vendorResponseError,
  vendorResponseStatus,
} from './vendorResponseError';

describe('vendorResponseError', () => {
  it('forwards the response error under a message saying what failed', async () => {
    const response = new Response(JSON.stringify({ message: 'Not Found' }), {
      status: 404,
      statusText: 'Not Found',
      headers: { 'Content-Type': 'application/json' },
    });

    const error = await vendorResponseError(
      'Acme GET /v1/things failed',
      response,
    );

    expect(error.message).toBe(
      'Acme GET /v1/things failed; caused by ResponseError: Request failed with 404 Not Found',
    );
    expect(error.name).toBe('ResponseError');
    expect(error.cause).toBeInstanceOf(ResponseError);
    expect(vendorResponseStatus(error)).toBe(404);
    expect(response.bodyUsed).toBe(true);
  });

  it('has no status for other errors', () => {
    expect(vendorResponseStatus(new Error('boom'))).toBeUndefined();
    expect(vendorResponseStatus(undefined)).toBeUndefined();
  });
});
