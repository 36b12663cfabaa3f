import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { PushTokenScopes } from './pushTokenScopes';

const read = (pushTokens: Array<Record<string, string | string[]>>) =>
  PushTokenScopes.fromConfig(new ConfigReader({ dora: { pushTokens } }));

describe('PushTokenScopes', () => {
  it('limits a listed static-token subject to its owners, nobody else', () => {
    const scopes = read([
      { subject: 'payments-ci', owners: ['Payments', 'group:default/ledger'] },
    ]);

    expect(scopes.ownersFor(mockCredentials.service('payments-ci'))).toEqual(
      new Set(['group:default/payments', 'group:default/ledger']),
    );
    expect(scopes.ownersFor(mockCredentials.service('other-ci'))).toBe(
      undefined,
    );
    expect(
      scopes.ownersFor(mockCredentials.user('user:default/payments-ci')),
    ).toBe(undefined);
  });

  it('fails at start-up naming the wrong key', () => {
    expect(() => read([{ subject: 'a', owners: ['group:'] }])).toThrow(
      "Invalid configuration: 'dora.pushTokens[0].owners[0]' must be an entity ref like group:default/payments, got 'group:'",
    );
    expect(() =>
      read([
        { subject: 'a', owners: ['team-a'] },
        { subject: 'a', owners: ['team-b'] },
      ]),
    ).toThrow("'dora.pushTokens[1].subject' repeats 'a'");
    expect(() => read([{ owners: ['team-a'] }])).toThrow(/subject/);
  });
});
