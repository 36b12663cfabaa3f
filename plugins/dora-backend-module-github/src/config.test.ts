import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readGithubProviderConfig } from './config';

const read = (github: unknown, extra: object = {}) =>
  readGithubProviderConfig(
    new ConfigReader({
      integrations: {
        github: [
          { host: 'github.com', token: 't' },
          {
            host: 'ghe.acme.test',
            apiBaseUrl: 'https://ghe.acme.test/api/v3',
            token: 'u',
          },
        ],
      },
      ...extra,
      dora: { ...(extra as any).dora, providers: { github } },
    }),
  );

describe('readGithubProviderConfig', () => {
  it('is undefined without a dora.providers.github section', () => {
    expect(readGithubProviderConfig(new ConfigReader({}))).toBeUndefined();
  });

  it('fills in defaults', () => {
    const config = read({});
    expect(config).toEqual({
      enabled: true,
      host: 'github.com',
      mode: 'deployments',
      workflow: undefined,
      branch: undefined,
      environments: expect.any(Object),
      workflowEnvironment: 'production',
      webhookSecrets: [],
      builds: false,
      lookbackDays: 90,
      pageSize: 100,
      schedule: { frequency: { minutes: 10 }, timeout: { minutes: 5 } },
      requests: expect.objectContaining({ maxAttempts: 5 }),
    });
    expect(config?.environments.patterns).toEqual(['production', 'prod']);
  });

  it('reads every setting, and takes production environments from dora.productionEnvironments', () => {
    const config = read(
      {
        enabled: false,
        host: 'ghe.acme.test',
        mode: 'workflowRuns',
        workflow: 'deploy.yml',
        branch: 'main',
        workflowEnvironment: 'live',
        webhookSecret: 's3cret',
        webhookSecrets: ['n3w-s3cret'],
        builds: { enabled: true },
        lookbackDays: 30,
        pageSize: 50,
        schedule: {
          frequency: { minutes: 30 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 1 },
        },
        requests: {
          maxAttempts: 3,
          initialBackoff: '100ms',
          maxWait: { seconds: 2 },
          timeout: '10s',
        },
      },
      { dora: { productionEnvironments: ['live', '/^prod-/'] } },
    );
    expect(config?.environments.patterns).toEqual(['live', '/^prod-/']);
    expect(config).toEqual({
      enabled: false,
      host: 'ghe.acme.test',
      mode: 'workflowRuns',
      workflow: 'deploy.yml',
      branch: 'main',
      environments: expect.any(Object),
      workflowEnvironment: 'live',
      webhookSecrets: ['s3cret', 'n3w-s3cret'],
      builds: true,
      lookbackDays: 30,
      pageSize: 50,
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 1 },
      },
      requests: {
        maxAttempts: 3,
        baseDelayMs: 100,
        maxDelayMs: 2000,
        timeoutMs: 10_000,
      },
    });
  });

  it('still reads the deprecated retry settings, warning with the new key', () => {
    const logger = mockServices.logger.mock();
    const config = readGithubProviderConfig(
      new ConfigReader({
        integrations: { github: [{ host: 'github.com', token: 't' }] },
        dora: {
          providers: {
            github: { retry: { maxAttempts: 3, baseDelayMs: 100 } },
          },
        },
      }),
      { logger },
    );
    expect(config?.requests).toMatchObject({
      maxAttempts: 3,
      baseDelayMs: 100,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      "Config 'dora.providers.github.retry.baseDelayMs' is deprecated; use 'dora.providers.github.requests.initialBackoff' instead",
    );
  });

  it.each([
    [
      { mode: 'runs' },
      "Invalid config 'dora.providers.github.mode': expected 'deployments' or 'workflowRuns'",
    ],
    [
      { mode: 'workflowRuns' },
      "Invalid config 'dora.providers.github.workflow': expected the workflow file name (e.g. 'deploy.yml') or id in mode 'workflowRuns'",
    ],
    [
      { lookbackDays: 0 },
      "Invalid config 'dora.providers.github.lookbackDays': expected a whole number from 1 to 3650, got 0",
    ],
    [
      { pageSize: 101 },
      "Invalid config 'dora.providers.github.pageSize': expected a whole number from 1 to 100, got 101",
    ],
    [
      { environments: ['/(/'] },
      "Invalid config 'dora.providers.github.environments': '/(/' is not a valid regular expression",
    ],
    [
      { environments: [] },
      "Invalid config 'dora.providers.github.environments': expected at least one environment",
    ],
    [
      { host: 'gitlab.com' },
      "Invalid config 'dora.providers.github.host': expected the host of an 'integrations.github' entry, got 'gitlab.com'",
    ],
    [
      { enabled: 'yes please' },
      "Invalid config 'dora.providers.github.enabled': expected true or false",
    ],
    [
      { builds: { enabled: 'sometimes' } },
      "Invalid config 'dora.providers.github.builds.enabled': expected true or false",
    ],
    [
      { retry: { maxAttempts: 0 } },
      "Invalid config 'dora.providers.github.retry.maxAttempts': expected a whole number from 1 to 20, got 0",
    ],
    [
      { schedule: { frequency: 'often' } },
      /^Invalid config 'dora.providers.github.schedule': /,
    ],
    [
      { webhookSecret: '  ' },
      "Invalid config 'dora.providers.github.webhookSecret': expected a non-empty secret",
    ],
  ])('rejects %j naming the key', (github, message) => {
    expect(() => read(github)).toThrow(message);
  });

  it('never echoes a webhook secret of the wrong type', () => {
    expect(() => read({ webhookSecrets: ['ok', ' '] })).toThrow(
      "Invalid config 'dora.providers.github.webhookSecrets[1]': expected a non-empty secret",
    );
    expect(() => read({ webhookSecret: 12345678 })).toThrow(
      "Invalid config 'dora.providers.github.webhookSecret': expected a string",
    );
  });
});
