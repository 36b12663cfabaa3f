import { ForwardedError, ResponseError } from '@backstage/errors';

/**
 * The error for a vendor's unexpected answer (usually a 4xx, as
 * `fetchWithRetry` already retried the rest): a `ForwardedError` saying
 * what failed, e.g. `PagerDuty GET /incidents failed`, over the
 * `ResponseError` of the response, which keeps its status and consumes its
 * body. Name the call by method and path: never a query or a credential.
 *
 * @public
 */
export async function vendorResponseError(
  message: string,
  response: Response,
): Promise<ForwardedError> {
  return new ForwardedError(
    message,
    await ResponseError.fromResponse(response),
  );
}

/**
 * The HTTP status behind an error from {@link vendorResponseError} (or a
 * `ResponseError` itself); `undefined` for any other error.
 *
 * @public
 */
export function vendorResponseStatus(error: unknown): number | undefined {
  const response =
    error instanceof ResponseError
      ? error
      : (error as { cause?: unknown } | undefined)?.cause;
  return response instanceof ResponseError ? response.statusCode : undefined;
}
