import { ConfigReader } from '@backstage/config';
import { readOpsgenieConfig } from './config';

type ConfigData = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

const read = (opsgenie: object) =>
  readOpsgenieConfig(
    new ConfigReader({ dora: { providers: { opsgenie } } } as ConfigData),
  );

describe('readOpsgenieConfig', () => {
  it('is undefined without the block and fills defaults', () => {
    expect(readOpsgenieConfig(new ConfigReader({}))).toBeUndefined();
    expect(read({ apiKey: ' k ' })).toEqual({
      apiKey: 'k',
      baseUrl: 'https://api.opsgenie.com',
      lookbackDays: 90,
      schedule: { frequency: { minutes: 10 }, timeout: { minutes: 5 } },
      requests: expect.objectContaining({ maxAttempts: 5 }),
    });
    expect(
      read({ apiKey: 'k', requests: { timeout: '5s' } })?.requests.timeoutMs,
    ).toBe(5000);
  });

  it('takes the EU base URL without its trailing slash and a schedule', () => {
    expect(
      read({
        apiKey: 'k',
        baseUrl: 'https://api.eu.opsgenie.com/',
        schedule: {
          frequency: { minutes: 30 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 5 },
        },
      }),
    ).toMatchObject({
      baseUrl: 'https://api.eu.opsgenie.com',
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 2 },
        initialDelay: { seconds: 5 },
      },
    });
  });

  it.each([
    [
      {},
      "Invalid config 'dora.providers.opsgenie.apiKey': expected an Opsgenie API key (required)",
    ],
    [
      { apiKey: 7 },
      "Invalid config 'dora.providers.opsgenie.apiKey': expected a string",
    ],
    [
      { apiKey: 'k', baseUrl: 'api.opsgenie.com' },
      "Invalid config 'dora.providers.opsgenie.baseUrl': expected an http(s) URL, got 'api.opsgenie.com'",
    ],
    [
      { apiKey: 'k', lookbackDays: 0 },
      "Invalid config 'dora.providers.opsgenie.lookbackDays': expected a whole number from 1 to 3650, got 0",
    ],
    [
      { apiKey: 'k', schedule: { frequency: 'often' } },
      "Invalid config 'dora.providers.opsgenie.schedule'",
    ],
  ])('fails naming the key for %j', (opsgenie, message) => {
    expect(() => read(opsgenie)).toThrow(message);
  });

  it('never puts the API key in an error', () => {
    expect(() => read({ apiKey: 'very-secret', lookbackDays: -1 })).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('very-secret'),
      }),
    );
  });
});
