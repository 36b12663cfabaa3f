import { AuthenticationError } from '@backstage/errors';
import { verifyGithubSignature } from './verifyGithubSignature';

describe('verifyGithubSignature', () => {
  // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
  const secret = "It's a Secret to Everybody";
  const rawBody = Buffer.from('Hello, World!');
  const valid =
    'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

  it("accepts GitHub's documented example", () => {
    expect(() =>
      verifyGithubSignature({ secret, header: valid, rawBody }),
    ).not.toThrow();
    expect(() =>
      verifyGithubSignature({ secret, header: [valid], rawBody }),
    ).not.toThrow();
  });

  it('accepts a signature by any of several secrets while rotating', () => {
    expect(() =>
      verifyGithubSignature({
        secret: ['the-new-secret', secret],
        header: valid,
        rawBody,
      }),
    ).not.toThrow();
    expect(() =>
      verifyGithubSignature({
        secret: ['the-new-secret', 'the-old-secret'],
        header: valid,
        rawBody,
      }),
    ).toThrow(AuthenticationError);
  });

  it.each([
    [undefined, "Missing 'X-Hub-Signature-256' header"],
    ['', "Missing 'X-Hub-Signature-256' header"],
    [
      valid.replace('sha256=', 'sha1='),
      "Invalid 'X-Hub-Signature-256' signature",
    ],
    [valid.slice(0, -1), "Invalid 'X-Hub-Signature-256' signature"],
    [`${valid.slice(0, -1)}f`, "Invalid 'X-Hub-Signature-256' signature"],
  ])('rejects %p with an AuthenticationError', (header, message) => {
    let error: unknown;
    try {
      verifyGithubSignature({ secret, header, rawBody });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe(message);
  });

  it('rejects a body changed by a single byte', () => {
    expect(() =>
      verifyGithubSignature({
        secret,
        header: valid,
        rawBody: Buffer.from('Hello, World?'),
      }),
    ).toThrow(AuthenticationError);
  });
});
