import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CampaignDetail,
  CampaignList,
  CampaignSummary,
  CampaignUpgradeStart,
  EntityCampaign,
  EntityScorecard,
  ScorecardLevel,
  scorecardCampaignManagePermission,
} from '@paved-road/plugin-scorecard-common';
import { utcDay } from '../database/time';
import { ScorecardEntityAccess } from '../service/ScorecardEntityAccess';
import {
  ALL_TEAMS,
  DatabaseCampaignStore,
  NO_TEAM,
} from './DatabaseCampaignStore';
import { CampaignSnapshot, loadCampaignSnapshot } from './campaignSnapshot';
import {
  CampaignDefinition,
  GoalTargets,
  parseCampaignInput,
} from './parseCampaign';
import {
  CampaignProgress,
  compileCampaignFilter,
  computeProgress,
  meetsGoal,
} from './progress';
import { FleetUpgrader } from './upgrades/FleetUpgrader';
import { assertFleetCanStart } from './upgrades/assertFleetCanStart';

/** At most this many open campaigns created through the API. */
export const MAX_OPEN_CAMPAIGNS = 100;
/** At most this many entities not done in a campaign's detail. */
export const MAX_LAGGARDS = 200;
/** History of a campaign's detail goes back this many days. */
const HISTORY_DAYS = 366;
const DAY_MS = 86_400_000;

/** Options of {@link CampaignService.create}. @internal */
export interface CampaignServiceOptions {
  store: DatabaseCampaignStore;
  configured: CampaignDefinition[];
  catalog: CatalogService;
  auth: AuthService;
  access: ScorecardEntityAccess;
  permissions: PermissionsService;
  logger: LoggerService;
  levels: ScorecardLevel[];
  targets: GoalTargets;
  /** Opens golden-path upgrade change requests; fleet upgrades answer 503 without it. */
  fleet?: FleetUpgrader;
  now?: () => Date;
}

/**
 * Campaigns from config and the API, their progress from the stored latest
 * scorecards, and the daily progress history. Reads count only what the
 * caller may read (catalog visibility and `scorecard.entity.read`).
 *
 * @internal
 */
export class CampaignService {
  static create(options: CampaignServiceOptions): CampaignService {
    return new CampaignService(options);
  }

  private constructor(private readonly options: CampaignServiceOptions) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** Config campaigns first, then created ones by creation time. */
  async all(): Promise<CampaignDefinition[]> {
    return [...this.options.configured, ...(await this.options.store.list())];
  }

  private async find(id: string): Promise<CampaignDefinition> {
    const found =
      this.options.configured.find(c => c.id === id) ??
      (await this.options.store.get(id));
    if (!found) throw new NotFoundError(`No campaign '${id}'`);
    return found;
  }

  private snapshot(credentials: BackstageCredentials, asService: boolean) {
    return loadCampaignSnapshot(this.options, credentials, asService);
  }

  private progress(
    campaign: CampaignDefinition,
    snapshot: CampaignSnapshot,
  ): CampaignProgress {
    return computeProgress({
      goal: campaign.goal,
      filter: campaign.filter,
      levels: this.options.levels,
      ...snapshot,
    });
  }

  private summary(
    campaign: CampaignDefinition,
    progress: CampaignProgress,
  ): CampaignSummary {
    return { ...campaign, done: progress.done, total: progress.total };
  }

  async list(credentials: BackstageCredentials): Promise<CampaignList> {
    const campaigns = await this.all();
    if (campaigns.length === 0) return { items: [] };
    const snapshot = await this.snapshot(credentials, false);
    return {
      items: campaigns.map(c => this.summary(c, this.progress(c, snapshot))),
    };
  }

  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<CampaignDetail> {
    const campaign = await this.find(id);
    const today = utcDay(this.now());
    if (
      !campaign.closedAt &&
      !(await this.options.store.hasDay(campaign.id, today))
    ) {
      await this.recordDay([campaign]);
    }
    const snapshot = await this.snapshot(credentials, false);
    const progress = this.progress(campaign, snapshot);
    const from = utcDay(new Date(this.now().getTime() - HISTORY_DAYS * DAY_MS));
    const visible = new Set(
      snapshot.candidates.map(c => c.entityRef.toLowerCase()),
    );
    const upgrades = this.options.fleet
      ? (await this.options.fleet.list(campaign.id))
          .filter(u => visible.has(u.entityRef))
          .map(({ toVersion: _, ...u }) => u)
      : [];
    return {
      ...this.summary(campaign, progress),
      teams: progress.teams,
      history: await this.options.store.history(campaign.id, from),
      entitiesNotDone: progress.notDone.slice(0, MAX_LAGGARDS),
      entitiesNotDoneCount: progress.notDone.length,
      upgrades,
    };
  }

  private async authorizeManage(
    credentials: BackstageCredentials,
    action: string,
  ) {
    const [decision] = await this.options.permissions.authorize(
      [{ permission: scorecardCampaignManagePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to ${action} ('${scorecardCampaignManagePermission.name}')`,
      );
    }
  }

  async create(
    body: unknown,
    credentials: BackstageCredentials,
  ): Promise<CampaignSummary> {
    await this.authorizeManage(credentials, 'create campaigns');
    const input = parseCampaignInput(body, this.options.targets);
    if ((await this.options.store.countOpen()) >= MAX_OPEN_CAMPAIGNS) {
      throw new ConflictError(
        `At most ${MAX_OPEN_CAMPAIGNS} open campaigns; close one first`,
      );
    }
    const principal = credentials.principal as {
      userEntityRef?: string;
      subject?: string;
    };
    const campaign = await this.options.store.create(
      input,
      principal.userEntityRef ?? principal.subject ?? 'unknown',
      this.now(),
    );
    const [progress] = await this.recordDay([campaign]);
    return this.summary(campaign, progress);
  }

  /**
   * Starts opening golden-path upgrade change requests for the campaign's
   * entities not done (over every entity, as the plugin sees them); the run
   * goes on in the background.
   */
  async startUpgrades(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<CampaignUpgradeStart> {
    await this.authorizeManage(credentials, 'open upgrade change requests');
    const campaign = await this.find(id);
    const fleet = assertFleetCanStart(campaign, this.options.fleet);
    const service = await this.options.auth.getOwnServiceCredentials();
    const snapshot = await this.snapshot(service, true);
    const lagging = this.progress(campaign, snapshot)
      .notDone.map(l => snapshot.entities.get(l.entityRef.toLowerCase()))
      .filter((e): e is Entity => !!e);
    const { started, done } = await fleet.start(
      id,
      lagging,
      stringifyEntityRef,
    );
    done.catch(e =>
      this.options.logger.error(
        `Fleet upgrade of campaign '${id}' stopped: ${(e as Error).message}`,
      ),
    );
    this.options.logger.info(
      `Fleet upgrade of campaign '${id}' started for ${started} entities`,
    );
    return { started };
  }

  async close(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<CampaignSummary> {
    await this.authorizeManage(credentials, 'close campaigns');
    const campaign = await this.find(id);
    if (campaign.source === 'config') {
      throw new ConflictError(
        `Campaign '${id}' is configured in app-config; remove it there`,
      );
    }
    if (!(await this.options.store.close(id, this.now()))) {
      throw new ConflictError(`Campaign '${id}' is already closed`);
    }
    const closed = await this.find(id);
    return this.summary(
      closed,
      this.progress(closed, await this.snapshot(credentials, false)),
    );
  }

  /**
   * Stores today's progress (UTC) of the given campaigns, or every open
   * one, over every entity; a second run the same day replaces the rows.
   */
  async recordDay(only?: CampaignDefinition[]): Promise<CampaignProgress[]> {
    const campaigns = (only ?? (await this.all())).filter(c => !c.closedAt);
    if (campaigns.length === 0) return [];
    const service = await this.options.auth.getOwnServiceCredentials();
    const snapshot = await this.snapshot(service, true);
    const day = utcDay(this.now());
    const out: CampaignProgress[] = [];
    for (const campaign of campaigns) {
      const progress = this.progress(campaign, snapshot);
      await this.options.store.saveDay(campaign.id, day, [
        { team: ALL_TEAMS, done: progress.done, total: progress.total },
        ...progress.teams.map(t => ({
          team: t.team ?? NO_TEAM,
          done: t.done,
          total: t.total,
        })),
      ]);
      out.push(progress);
    }
    this.options.logger.info(
      `Stored campaign progress of ${campaigns.length} campaigns for ${day}`,
    );
    return out;
  }

  /** The open campaigns covering `entity`, with whether it meets each goal. */
  async campaignsOf(
    entity: Entity,
    scorecard: EntityScorecard,
  ): Promise<EntityCampaign[]> {
    const out: EntityCampaign[] = [];
    for (const c of await this.all()) {
      if (c.closedAt || !compileCampaignFilter(c.filter)(entity)) continue;
      const done = meetsGoal(c.goal, scorecard, this.options.levels);
      if (done === undefined) continue;
      out.push({ id: c.id, title: c.title, deadline: c.deadline, done });
    }
    return out;
  }
}
