import { InputError } from '@backstage/errors';

/**
 * Reads required fields of a webhook payload; a missing or mistyped field
 * fails with an `InputError` naming it, e.g.
 * `Invalid 'deployment_status.deployment.id': expected a number`.
 */
export class WebhookPayload {
  private constructor(
    private readonly body: unknown,
    private readonly event: string,
  ) {}

  static parse(rawBody: Buffer, event: string): WebhookPayload {
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new InputError(
        `Invalid '${event}' payload: expected a JSON object (content type application/json)`,
      );
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new InputError(
        `Invalid '${event}' payload: expected a JSON object (content type application/json)`,
      );
    }
    return new WebhookPayload(body, event);
  }

  private get(path: string): unknown {
    let value: unknown = this.body;
    for (const key of path.split('.')) {
      value =
        typeof value === 'object' && value !== null
          ? (value as Record<string, unknown>)[key]
          : undefined;
    }
    return value;
  }

  private fail(path: string, expected: string): never {
    throw new InputError(`Invalid '${this.event}.${path}': ${expected}`);
  }

  string(path: string): string {
    const value = this.get(path);
    if (typeof value !== 'string' || !value) {
      this.fail(path, 'expected a non-empty string');
    }
    return value;
  }

  optionalString(path: string): string | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.fail(path, 'expected a string');
    return value;
  }

  date(path: string): string {
    const value = this.string(path);
    if (Number.isNaN(Date.parse(value))) {
      this.fail(path, 'expected an ISO 8601 date');
    }
    return value;
  }

  id(path: string): number {
    const value = this.get(path);
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      this.fail(path, 'expected a number');
    }
    return value;
  }

  repository(): string {
    const slug = this.string('repository.full_name');
    if (!/^[^/\s]+\/[^/\s]+$/.test(slug)) {
      this.fail('repository.full_name', "expected 'owner/repo'");
    }
    return slug.toLocaleLowerCase('en-US');
  }
}
