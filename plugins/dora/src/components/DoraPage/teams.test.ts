import { defaultTeam, toTeams } from './teams';
import { groupFixture } from '../../__testUtils__/fixtures';

describe('teams', () => {
  const teams = toTeams([
    groupFixture('engineering', ['payments', 'checkout']),
    groupFixture('payments', ['cards']),
    groupFixture('cards', ['payments']), // a cycle must not loop
    groupFixture('checkout'),
  ]);

  it("defaults to the user's own team, else the first one", () => {
    expect(
      defaultTeam(teams, ['user:default/guest', 'group:default/checkout']),
    ).toBe('group:default/checkout');
    expect(defaultTeam(teams, ['user:default/guest'])).toBe(
      'group:default/cards',
    );
    expect(defaultTeam([], [])).toBeUndefined();
  });
});
