import { CampaignDefinition } from '../campaigns/parseCampaign';
import { CampaignProgress } from '../campaigns/progress';
import { NotificationSender, SendOutcome } from './NotificationSender';

const DAY_MS = 86_400_000;

/** What the reminder needs of the campaigns. @internal */
export interface CampaignSource {
  /** Every campaign, configured and created. */
  all(): Promise<CampaignDefinition[]>;
  /** The progress of the given campaigns over every entity, in their order. */
  recordDay(only?: CampaignDefinition[]): Promise<CampaignProgress[]>;
}

/** The UTC day `days` after `day` (both `YYYY-MM-DD`). */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

/**
 * Reminds the owners of entities not done in an open campaign once its
 * deadline is `daysBefore` days away (or closer, when the day itself was
 * missed), once per campaign, owner and reminder day.
 *
 * @internal
 */
export class CampaignReminder {
  constructor(
    private readonly options: {
      campaigns: CampaignSource;
      sender: NotificationSender;
      daysBefore: number;
      now?: () => Date;
    },
  ) {}

  async run(): Promise<number> {
    const today = (this.options.now?.() ?? new Date())
      .toISOString()
      .slice(0, 10);
    const due = (await this.options.campaigns.all()).filter(
      c =>
        !c.closedAt &&
        c.deadline > today &&
        addDays(c.deadline, -this.options.daysBefore) <= today,
    );
    if (due.length === 0) return 0;
    const progress = await this.options.campaigns.recordDay(due);
    const outcomes: SendOutcome[] = [];
    for (const [i, campaign] of due.entries()) {
      const byOwner = new Map<string, string[]>();
      for (const laggard of progress[i]?.notDone ?? []) {
        const owner = laggard.owner ?? laggard.entityRef;
        byOwner.set(owner, [...(byOwner.get(owner) ?? []), laggard.entityRef]);
      }
      for (const [owner, refs] of byOwner) {
        outcomes.push(await this.remind(campaign, owner, refs, today));
      }
    }
    return outcomes.filter(o => o === 'sent').length;
  }

  private remind(
    campaign: CampaignDefinition,
    owner: string,
    refs: string[],
    today: string,
  ): Promise<SendOutcome> {
    const reminderDay = addDays(campaign.deadline, -this.options.daysBefore);
    const daysLeft = Math.round(
      (Date.parse(campaign.deadline) - Date.parse(today)) / DAY_MS,
    );
    const names = refs.map(r => r.slice(r.indexOf('/') + 1));
    const shown =
      names.length > 10
        ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`
        : names.join(', ');
    return this.options.sender.sendOnce(
      ['campaign-reminder', campaign.id, owner, reminderDay].join('|'),
      'campaign-reminder',
      {
        recipients: { type: 'entity', entityRef: owner },
        payload: {
          title: `${campaign.title}: due in ${daysLeft} ${
            daysLeft === 1 ? 'day' : 'days'
          }`,
          description: `${refs.length} ${
            refs.length === 1 ? 'entity you own is' : 'entities you own are'
          } not done yet (deadline ${campaign.deadline}): ${shown}.`,
          link: `/scorecard?campaign=${encodeURIComponent(campaign.id)}`,
          severity: 'normal',
          topic: 'Scorecard campaigns',
          scope: `paved-road:scorecard:campaign:${campaign.id}`,
          metadata: {
            campaignId: campaign.id,
            deadline: campaign.deadline,
            entityRefs: refs,
          },
        },
      },
    );
  }
}
