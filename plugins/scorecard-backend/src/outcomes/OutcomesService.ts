import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { DoraService } from '@paved-road/plugin-dora-node';
import {
  OutcomesHistoryPoint,
  OutcomesPulseAnswer,
  OutcomesPulseComments,
  OutcomesTemplates,
  ScorecardOutcomes,
  scorecardOutcomesCommentsReadPermission,
  scorecardOutcomesPulseCreatePermission,
  scorecardOutcomesReadPermission,
} from '@paved-road/plugin-scorecard-common';
import { GroupTree } from '../campaigns/groupTree';
import { DatabaseExemptionStore } from '../database/DatabaseExemptionStore';
import { utcDay } from '../database/time';
import { GoldenPathFactProvider } from '../facts/GoldenPathFactProvider';
import {
  AdoptionCounts,
  ALL_SERVICES,
  DatabaseOutcomesStore,
} from './DatabaseOutcomesStore';
import {
  adoptionCounts,
  adoptionOf,
  estimateHistory,
  figureOf,
} from './adoption';
import { openExemptions, sloCoverage } from './coverage';
import { pulseFigures, quarterOf } from './nps';
import { PulseInput } from './parsePulse';
import { readServices } from './readServices';
import { ScaffolderTaskReader } from './ScaffolderTaskReader';
import { OutcomesConfig } from './readOutcomesConfig';

const DAY_MS = 86_400_000;
const MAX_COMMENTS = 200;
const MAX_EXEMPTIONS = 5_000;

/** Dependencies of {@link OutcomesService}. @internal */
export interface OutcomesServiceOptions {
  store: DatabaseOutcomesStore;
  exemptions: DatabaseExemptionStore;
  catalog: CatalogService;
  dora: DoraService;
  auth: AuthService;
  permissions: PermissionsService;
  goldenPath: GoldenPathFactProvider;
  scaffolder: ScaffolderTaskReader;
  logger: LoggerService;
  config: OutcomesConfig;
  now?: () => Date;
}

function historyPoint(
  day: string,
  rows: AdoptionCounts[],
  estimated = false,
): OutcomesHistoryPoint {
  const overall = rows.find(r => r.team === ALL_SERVICES);
  return {
    day,
    ...(estimated ? { estimated } : {}),
    overall: figureOf(overall ?? { services: 0, goldenPath: 0, current: 0 }),
    byTeam: rows
      .filter(r => r.team !== ALL_SERVICES)
      .map(({ team, ...c }) => ({ team, ...figureOf(c) })),
  };
}

/**
 * The platform's own outcomes: golden-path adoption and its daily history,
 * scaffolder runs per template, SLO coverage, open exemptions and
 * developer pulses. Every read counts only what the caller can see.
 *
 * @internal
 */
export class OutcomesService {
  static create(options: OutcomesServiceOptions): OutcomesService {
    return new OutcomesService(options);
  }

  private constructor(private readonly options: OutcomesServiceOptions) {}

  private now() {
    return this.options.now?.() ?? new Date();
  }

  private async authorize(
    permission: BasicPermission,
    credentials: BackstageCredentials,
    action: string,
  ) {
    const [decision] = await this.options.permissions.authorize(
      [{ permission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to ${action} ('${permission.name}')`,
      );
    }
  }

  private async services(credentials: BackstageCredentials) {
    const [read, tree] = await Promise.all([
      readServices({
        catalog: this.options.catalog,
        goldenPath: this.options.goldenPath,
        credentials,
        limit: this.options.config.maxServices,
      }),
      GroupTree.load(this.options.catalog, credentials),
    ]);
    return {
      ...read,
      teamsOf: (owner: string) => tree.selfAndAncestors(owner),
    };
  }

  private async templates(
    credentials: BackstageCredentials,
  ): Promise<OutcomesTemplates> {
    try {
      return await this.options.scaffolder.read(credentials);
    } catch (e) {
      this.options.logger.warn(`Outcomes: scaffolder tasks not read: ${e}`);
      return {
        items: [],
        tasksRead: 0,
        truncated: false,
        error: `The scaffolder's tasks could not be read: ${
          (e as Error).message
        }`,
      };
    }
  }

  async get(credentials: BackstageCredentials): Promise<ScorecardOutcomes> {
    await this.authorize(
      scorecardOutcomesReadPermission,
      credentials,
      'read platform outcomes',
    );
    const now = this.now();
    const { services, truncated, teamsOf } = await this.services(credentials);
    const today = utcDay(now);
    const from = utcDay(
      new Date(now.getTime() - this.options.config.historyDays * DAY_MS),
    );
    const stored = (await this.options.store.history(from)).filter(
      d => d.day !== today,
    );
    // Before the first recorded day (a new install): estimated weekly.
    const estimated = estimateHistory(services, teamsOf, {
      from,
      before: stored[0]?.day ?? today,
    });
    return {
      generatedAt: now.toISOString(),
      adoption: adoptionOf(services, teamsOf, truncated),
      history: [
        ...estimated.map(d => historyPoint(d.day, d.rows, true)),
        ...stored.map(d => historyPoint(d.day, d.rows)),
        historyPoint(today, adoptionCounts(services, teamsOf)),
      ],
      templates: await this.templates(credentials),
      sloCoverage: await sloCoverage({
        dora: this.options.dora,
        services,
        credentials,
      }),
      exemptions: await openExemptions({
        store: this.options.exemptions,
        catalog: this.options.catalog,
        credentials,
        now,
        max: MAX_EXEMPTIONS,
        teamsOf,
      }),
      pulse: pulseFigures(await this.options.store.pulseCounts()),
    };
  }

  /**
   * Stores today's adoption over every service (the plugin's own
   * credentials), once a day: a later run on the same day does nothing.
   */
  async recordDay(): Promise<boolean> {
    const day = utcDay(this.now());
    if (await this.options.store.hasDay(day)) return false;
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { services, teamsOf } = await this.services(credentials);
    await this.options.store.saveDay(day, adoptionCounts(services, teamsOf));
    return true;
  }

  async answerPulse(
    input: PulseInput,
    credentials: BackstageCredentials<{ type: 'user'; userEntityRef: string }>,
  ): Promise<{ answer: OutcomesPulseAnswer; replaced: boolean }> {
    await this.authorize(
      scorecardOutcomesPulseCreatePermission,
      credentials,
      'answer pulses',
    );
    // Only templates the caller can see: answers cannot pile up under
    // made-up refs.
    const template = await this.options.catalog.getEntityByRef(
      input.templateRef,
      { credentials },
    );
    if (!template) {
      throw new InputError(
        `Invalid 'templateRef': no template '${input.templateRef}' in the catalog`,
      );
    }
    const now = this.now();
    return this.options.store.savePulse({
      userRef: credentials.principal.userEntityRef,
      templateRef: input.templateRef,
      quarter: quarterOf(now),
      score: input.score,
      comment: input.comment ?? null,
      answeredAt: now,
    });
  }

  async comments(
    templateRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<OutcomesPulseComments> {
    await this.authorize(
      scorecardOutcomesCommentsReadPermission,
      credentials,
      'read pulse comments',
    );
    return {
      items: await this.options.store.comments({
        templateRef,
        limit: MAX_COMMENTS,
      }),
    };
  }
}
