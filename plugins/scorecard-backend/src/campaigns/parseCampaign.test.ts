import { ConfigReader } from '@backstage/config';
import { parseCampaignInput, readCampaignsConfig } from './parseCampaign';

const targets = { checkIds: ['has-docs'], levelIds: ['bronze', 'silver'] };
const valid = {
  id: 'docs',
  title: 'Docs',
  goal: { check: 'has-docs' },
  filter: { kind: ['component'], annotation: 'example.com/x' },
  deadline: '2027-03-31',
  owner: 'platform',
};
const read = (campaigns: any[]) =>
  readCampaignsConfig(new ConfigReader({ scorecard: { campaigns } }), targets);

describe('readCampaignsConfig', () => {
  it('reads campaigns with the owner as a full group ref', () => {
    expect(read([valid])).toEqual([
      {
        ...valid,
        owner: 'group:default/platform',
        description: '',
        source: 'config',
        closedAt: null,
      },
    ]);
    expect(readCampaignsConfig(new ConfigReader({}), targets)).toEqual([]);
  });

  it.each([
    [
      { goal: { check: 'nope' } },
      'scorecard.campaigns[0].goal.check: unknown check',
    ],
    [
      { goal: { level: 'gold' } },
      'scorecard.campaigns[0].goal.level: unknown level',
    ],
    [
      { goal: { check: 'has-docs', level: 'bronze' } },
      'scorecard.campaigns[0].goal',
    ],
    [
      { deadline: 'next year' },
      'scorecard.campaigns[0].deadline: expected an ISO date',
    ],
    [
      { deadline: '2027-02-30' },
      'scorecard.campaigns[0].deadline: not a calendar date',
    ],
    [{ filter: { system: ['x'] } }, 'scorecard.campaigns[0].filter'],
    [{ title: undefined }, 'scorecard.campaigns[0].title'],
    [{ id: 'no spaces' }, 'scorecard.campaigns[0].id'],
  ])('rejects %j naming the key', (change, message) => {
    expect(() => read([{ ...valid, ...change }])).toThrow(
      `Invalid scorecard configuration: ${message}`,
    );
  });

  it('rejects duplicate ids', () => {
    expect(() => read([valid, valid])).toThrow(
      "scorecard.campaigns[1].id: duplicate campaign id 'docs'",
    );
  });
});

describe('parseCampaignInput', () => {
  const { id, ...body } = valid;
  it('names the field of bad input', () => {
    expect(() =>
      parseCampaignInput(
        { ...body, filter: { tag: ['x'.repeat(300)] } },
        targets,
      ),
    ).toThrow("Invalid 'filter.tag[0]'");
    expect(() =>
      parseCampaignInput(
        { ...body, filter: { tag: Array(51).fill('x') } },
        targets,
      ),
    ).toThrow("Invalid 'filter.tag'");
    expect(() => parseCampaignInput(undefined, targets)).toThrow(
      "Invalid 'title'",
    );
  });
});
