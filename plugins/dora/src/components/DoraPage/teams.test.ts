import { defaultTeam, teamAndDescendants, toTeams } from './teams';
import { groupFixture } from '../../__testUtils__/fixtures';

describe('teams', () => {
  const teams = toTeams([
    groupFixture('engineering', ['payments', 'checkout']),
    groupFixture('payments', ['cards']),
    groupFixture('cards', ['payments']), // a cycle must not loop
    groupFixture('checkout'),
  ]);

  it('collects a team and all its descendants', () => {
    expect(
      teamAndDescendants(teams, 'group:default/engineering').sort(),
    ).toEqual([
      'group:default/cards',
      'group:default/checkout',
      'group:default/engineering',
      'group:default/payments',
    ]);
    expect(teamAndDescendants(teams, 'group:default/payments').sort()).toEqual([
      'group:default/cards',
      'group:default/payments',
    ]);
  });

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
