import { ConfigReader } from '@backstage/config';
import { readIncidentIoConfig } from './config';
import { ROTATED_SECRET, WEBHOOK_SECRET } from './__testUtils__/sign';

type ConfigData = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

const read = (incidentIo: object) =>
  readIncidentIoConfig(
    new ConfigReader({ dora: { providers: { incidentIo } } } as ConfigData),
  );

describe('readIncidentIoConfig', () => {
  it('is undefined without the block and fills defaults', () => {
    expect(readIncidentIoConfig(new ConfigReader({}))).toBeUndefined();
    expect(read({ apiKey: 'k' })).toEqual({
      apiKey: 'k',
      baseUrl: 'https://api.incident.io',
      serviceField: 'Affected services',
      lookbackDays: 90,
      schedule: { frequency: { minutes: 10 }, timeout: { minutes: 5 } },
      requests: expect.objectContaining({ maxAttempts: 5 }),
    });
    expect(
      read({ apiKey: 'k', requests: { maxAttempts: 2 } })?.requests.maxAttempts,
    ).toBe(2);
  });

  it('takes a field, a base URL, a schedule and a webhook secret', () => {
    expect(
      read({
        apiKey: 'k',
        baseUrl: 'https://incident.example.com/',
        serviceField: 'Services',
        schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
        webhookSecret: WEBHOOK_SECRET,
        webhookSecrets: [ROTATED_SECRET],
      }),
    ).toMatchObject({
      baseUrl: 'https://incident.example.com',
      serviceField: 'Services',
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
      webhookSecrets: [WEBHOOK_SECRET, ROTATED_SECRET],
    });
  });

  it.each([
    [
      {},
      "Invalid config 'dora.providers.incidentIo.apiKey': expected an incident.io API key (required)",
    ],
    [
      { apiKey: 3 },
      "Invalid config 'dora.providers.incidentIo.apiKey': expected a string",
    ],
    [
      { apiKey: 'k', baseUrl: 'nope' },
      "Invalid config 'dora.providers.incidentIo.baseUrl': expected an http(s) URL, got 'nope'",
    ],
    [
      { apiKey: 'k', lookbackDays: 5000 },
      "Invalid config 'dora.providers.incidentIo.lookbackDays': expected a whole number from 1 to 3650, got 5000",
    ],
    [
      { apiKey: 'k', schedule: { frequency: {} } },
      "Invalid config 'dora.providers.incidentIo.schedule'",
    ],
    [
      { apiKey: 'k', webhookSecret: 'whsec_!!' },
      "Invalid config 'dora.providers.incidentIo.webhookSecret'",
    ],
  ])('fails naming the key for %j', (incidentIo, message) => {
    expect(() => read(incidentIo)).toThrow(message);
  });

  it('never puts a secret in an error', () => {
    expect(() => read({ apiKey: 'k', webhookSecret: 'whsec_sh!' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('sh!') }),
    );
  });
});
