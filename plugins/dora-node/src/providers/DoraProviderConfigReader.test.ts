import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DoraProviderConfigReader } from './DoraProviderConfigReader';

const KEY = 'dora.providers.acme';

function reader(section?: unknown, root: object = {}) {
  const logger = mockServices.logger.mock();
  const config = new ConfigReader({
    ...root,
    ...(section === undefined
      ? {}
      : {
          dora: {
            ...(root as { dora?: object }).dora,
            providers: { acme: section },
          },
        }),
  } as any);
  return {
    logger,
    read: DoraProviderConfigReader.fromConfig(config, { key: KEY, logger }),
  };
}

describe('DoraProviderConfigReader', () => {
  it('says whether the section is present', () => {
    expect(reader().read.present).toBe(false);
    expect(reader({}).read.present).toBe(true);
    expect(() => reader('on')).toThrow(
      "Invalid config 'dora.providers.acme': expected an object",
    );
  });

  it('fills in the shared defaults', () => {
    const { read } = reader({});
    expect(read.schedule()).toEqual({
      frequency: { minutes: 10 },
      timeout: { minutes: 5 },
    });
    expect(read.lookbackDays({ defaultDays: 90 })).toBe(90);
    expect(read.baseUrl({ defaultUrl: 'https://api.acme.test' })).toBe(
      'https://api.acme.test',
    );
    expect(read.requests()).toEqual({
      maxAttempts: 5,
      baseDelayMs: 500,
      maxDelayMs: 60_000,
      timeoutMs: 30_000,
    });
    expect(read.environments().patterns).toEqual(['production', 'prod']);
  });

  it('reads every shared setting', () => {
    const { read, logger } = reader(
      {
        schedule: { frequency: { minutes: 30 }, initialDelay: '5s' },
        lookbackDays: 30,
        baseUrl: 'https://eu.acme.test/api/',
        requests: {
          maxAttempts: 2,
          initialBackoff: '100ms',
          maxWait: { seconds: 5 },
          timeout: 'PT10S',
        },
        environments: ['/^prod-/'],
      },
      { dora: { productionEnvironments: ['live'] } },
    );
    expect(read.schedule()).toEqual({
      frequency: { minutes: 30 },
      timeout: { minutes: 5 },
      initialDelay: { seconds: 5 },
    });
    expect(read.lookbackDays({ defaultDays: 90 })).toBe(30);
    expect(read.baseUrl({ defaultUrl: 'https://api.acme.test' })).toBe(
      'https://eu.acme.test/api',
    );
    expect(read.requests()).toEqual({
      maxAttempts: 2,
      baseDelayMs: 100,
      maxDelayMs: 5000,
      timeoutMs: 10_000,
    });
    expect(read.environments().patterns).toEqual(['/^prod-/']);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('takes the environments from dora.productionEnvironments unless set', () => {
    const { read } = reader({}, { dora: { productionEnvironments: ['live'] } });
    expect(read.environments().singleName).toBe('live');
  });

  it('still reads the deprecated retry keys, warning with the key that replaces each', () => {
    const { read, logger } = reader({
      retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 2000 },
      requests: { maxWait: '3s' },
    });
    expect(read.requests()).toEqual({
      maxAttempts: 3,
      baseDelayMs: 100,
      // the new key wins over the old one
      maxDelayMs: 3000,
      timeoutMs: 30_000,
    });
    expect(logger.warn.mock.calls.map(([message]) => message)).toEqual([
      "Config 'dora.providers.acme.retry.maxAttempts' is deprecated; use 'dora.providers.acme.requests.maxAttempts' instead",
      "Config 'dora.providers.acme.retry.baseDelayMs' is deprecated; use 'dora.providers.acme.requests.initialBackoff' instead",
      "Config 'dora.providers.acme.retry.maxDelayMs' is deprecated; use 'dora.providers.acme.requests.maxWait' instead",
    ]);
  });

  it.each([
    [
      { schedule: { frequency: 'often' } },
      (r: DoraProviderConfigReader) => r.schedule(),
      /^Invalid config 'dora.providers.acme.schedule': /,
    ],
    [
      { schedule: 'hourly' },
      (r: DoraProviderConfigReader) => r.schedule(),
      "Invalid config 'dora.providers.acme.schedule': expected a task schedule like { frequency: { minutes: 10 }, timeout: { minutes: 5 } }",
    ],
    [
      { lookbackDays: 0 },
      (r: DoraProviderConfigReader) => r.lookbackDays({ defaultDays: 90 }),
      "Invalid config 'dora.providers.acme.lookbackDays': expected a whole number from 1 to 3650, got 0",
    ],
    [
      { lookbackDays: 'a year' },
      (r: DoraProviderConfigReader) => r.lookbackDays({ defaultDays: 90 }),
      "Invalid config 'dora.providers.acme.lookbackDays': expected a whole number from 1 to 3650",
    ],
    [
      { baseUrl: 'api.acme.test' },
      (r: DoraProviderConfigReader) => r.baseUrl({ defaultUrl: 'https://a' }),
      "Invalid config 'dora.providers.acme.baseUrl': expected an http(s) URL, got 'api.acme.test'",
    ],
    [
      { baseUrl: 'https://api.acme.test/?region=eu' },
      (r: DoraProviderConfigReader) => r.baseUrl({ defaultUrl: 'https://a' }),
      "Invalid config 'dora.providers.acme.baseUrl': expected a URL without credentials, query or fragment",
    ],
    [
      { requests: { maxAttempts: 0 } },
      (r: DoraProviderConfigReader) => r.requests(),
      "Invalid config 'dora.providers.acme.requests.maxAttempts': expected a whole number from 1 to 20, got 0",
    ],
    [
      { requests: { timeout: 'soon' } },
      (r: DoraProviderConfigReader) => r.requests(),
      "Invalid config 'dora.providers.acme.requests.timeout': expected a duration of at most 10 minutes, e.g. '500ms' or { seconds: 30 }",
    ],
    [
      { requests: { maxWait: { hours: 2 } } },
      (r: DoraProviderConfigReader) => r.requests(),
      "Invalid config 'dora.providers.acme.requests.maxWait': expected a duration of at most 1 hour",
    ],
    [
      { retry: { baseDelayMs: -1 } },
      (r: DoraProviderConfigReader) => r.requests(),
      "Invalid config 'dora.providers.acme.retry.baseDelayMs': expected a whole number from 0 to 600000, got -1",
    ],
    [
      { environments: ['/(/'] },
      (r: DoraProviderConfigReader) => r.environments(),
      "Invalid config 'dora.providers.acme.environments': '/(/' is not a valid regular expression",
    ],
    [
      { environments: [] },
      (r: DoraProviderConfigReader) => r.environments(),
      "Invalid config 'dora.providers.acme.environments': expected at least one environment",
    ],
    [
      { enabled: 'yes please' },
      (r: DoraProviderConfigReader) => r.optionalBoolean('enabled'),
      "Invalid config 'dora.providers.acme.enabled': expected true or false",
    ],
    [
      { token: ' ' },
      (r: DoraProviderConfigReader) => r.optionalString('token'),
      "Invalid config 'dora.providers.acme.token': expected a non-empty string",
    ],
  ])('fails at %j naming the key', (section, read, message) => {
    expect(() => read(reader(section).read)).toThrow(message);
  });

  it('never echoes a secret', () => {
    const { read } = reader({
      token: 4242424242,
      baseUrl: 'user:s3cret@api.acme.test',
    });
    expect(() => read.optionalString('token')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('4242') }),
    );
    expect(() => read.baseUrl({ defaultUrl: 'https://a' })).toThrow(
      "Invalid config 'dora.providers.acme.baseUrl': expected an http(s) URL",
    );
    expect(() => read.baseUrl({ defaultUrl: 'https://a' })).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('s3cret'),
      }),
    );
  });
});
