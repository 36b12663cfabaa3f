import { ConfigReader } from '@backstage/config';
import { readGitlabProviderConfig } from './config';

const read = (gitlab?: unknown, extra: object = {}) =>
  readGitlabProviderConfig(
    new ConfigReader({
      ...extra,
      ...(gitlab === undefined ? {} : { dora: { providers: { gitlab } } }),
    } as any),
  );

describe('readGitlabProviderConfig', () => {
  it('is off without a dora.providers.gitlab section, on with one', () => {
    expect(read().enabled).toBe(false);
    expect(read({}).enabled).toBe(true);
    expect(read({ enabled: false }).enabled).toBe(false);
  });

  it('defaults to gitlab.com, every 10 minutes, 90 days and the production environments', () => {
    const config = read({});
    expect(config).toMatchObject({
      enabled: true,
      host: 'gitlab.com',
      apiBaseUrl: 'https://gitlab.com/api/v4',
      schedule: { frequency: { minutes: 10 }, timeout: { minutes: 5 } },
      lookbackDays: 90,
      groups: [],
      requests: expect.objectContaining({ maxAttempts: 5, timeoutMs: 30_000 }),
      builds: false,
    });
    expect(config.token).toBeUndefined();
    expect(config.webhookTokens).toEqual([]);
    expect(config.schedule).not.toHaveProperty('initialDelay');
    expect(config.environments.patterns).toEqual(['production', 'prod']);
  });

  it('takes host, API base and token from the matching self-hosted integration', () => {
    const config = read(
      {
        host: 'git.acme.io',
        webhookToken: 's3cret',
        webhookTokens: ['n3w-s3cret'],
        environments: ['/^prod-/'],
        schedule: { frequency: { minutes: 30 }, initialDelay: '5s' },
        requests: {
          maxAttempts: 2,
          initialBackoff: '100ms',
          maxWait: { seconds: 5 },
        },
        builds: { enabled: true },
      },
      {
        integrations: {
          gitlab: [
            {
              host: 'git.acme.io',
              apiBaseUrl: 'https://git.acme.io/api/v4/',
              token: 'glpat-x',
            },
          ],
        },
      },
    );
    expect(config).toMatchObject({
      host: 'git.acme.io',
      apiBaseUrl: 'https://git.acme.io/api/v4',
      token: 'glpat-x',
      webhookTokens: ['s3cret', 'n3w-s3cret'],
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 5 },
        initialDelay: { seconds: 5 },
      },
      requests: { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 5000 },
      builds: true,
    });
    expect(config.environments.matches('prod-eu')).toBe(true);
    expect(config.environments.matches('staging')).toBe(false);
    expect(config.environments.singleName).toBeUndefined();
  });

  it('follows dora.productionEnvironments unless environments is set', () => {
    const config = read(undefined, {
      dora: { productionEnvironments: ['live'] },
    });
    expect(config.environments.singleName).toBe('live');
  });

  it.each([
    [
      { host: 'nope.example' },
      "Invalid config 'dora.providers.gitlab.host': no 'integrations.gitlab' entry has host 'nope.example'",
    ],
    [
      { lookbackDays: 1.5 },
      "Invalid config 'dora.providers.gitlab.lookbackDays': expected a whole number from 1 to 3650, got 1.5",
    ],
    [{ enabled: 3 }, "Invalid config 'dora.providers.gitlab.enabled'"],
    [
      { webhookToken: ' ' },
      "Invalid config 'dora.providers.gitlab.webhookToken': expected a non-empty string",
    ],
    [
      { schedule: { frequency: 'often' } },
      "Invalid config 'dora.providers.gitlab.schedule'",
    ],
    [
      { environments: ['/[/'] },
      "Invalid config 'dora.providers.gitlab.environments': '/[/' is not a valid regular expression",
    ],
    [
      { environments: [] },
      "Invalid config 'dora.providers.gitlab.environments': expected at least one environment",
    ],
    [
      { groups: ['  '] },
      "Invalid config 'dora.providers.gitlab.groups[0]': expected a group path or id",
    ],
    [
      { requests: { maxAttempts: 0 } },
      "Invalid config 'dora.providers.gitlab.requests.maxAttempts': expected a whole number from 1 to 20, got 0",
    ],
    [
      { builds: { enabled: 'often' } },
      "Invalid config 'dora.providers.gitlab.builds.enabled': expected true or false",
    ],
    [
      { requests: { timeout: 'soon' } },
      "Invalid config 'dora.providers.gitlab.requests.timeout'",
    ],
  ])('fails naming the key for %j', (gitlab, message) => {
    expect(() => read(gitlab)).toThrow(message);
  });

  it('never puts the webhook token in an error', () => {
    expect(() => read({ webhookToken: 's3cret', lookbackDays: -1 })).toThrow(
      /^(?!.*s3cret)/,
    );
  });
});
