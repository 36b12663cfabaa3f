import {
  BackstageCredentials,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DoraOutcomes } from '@paved-road/plugin-dora-common';
import { toIso } from '../database/time';
import { DoraConfig } from '../service/config';
import { DatabaseFirstDeployments } from './DatabaseFirstDeployments';
import { readOutcomeServices } from './outcomeServices';
import { OutcomesStore, comparePavedRoad } from './pavedRoad';
import { ScaffoldedService, summarizeFirstDeploys } from './timeToFirstDeploy';

/** The query of `GET /outcomes`, parsed and bounded. @internal */
export interface OutcomesQuery {
  /** Lower-case group ref, or undefined for every visible service. */
  owner?: string;
  /** Epoch ms, `[from, to)`. */
  from: number;
  to: number;
}

/**
 * The platform's outcomes over the DORA store: time to first deploy of
 * scaffolded services, and the four keys of paved-road services beside
 * off-road ones. Counts only the components the caller can see.
 *
 * @internal
 */
export class DefaultOutcomesService {
  static async create(options: {
    database: DatabaseService;
    store: OutcomesStore;
    catalog: CatalogService;
    config: Pick<DoraConfig, 'benchmark'>;
  }): Promise<DefaultOutcomesService> {
    return new DefaultOutcomesService(
      await DatabaseFirstDeployments.create(options),
      options.store,
      options.catalog,
      options.config,
    );
  }

  private constructor(
    private readonly firstDeployments: DatabaseFirstDeployments,
    private readonly store: OutcomesStore,
    private readonly catalog: CatalogService,
    private readonly config: Pick<DoraConfig, 'benchmark'>,
  ) {}

  async getOutcomes(
    query: OutcomesQuery & { credentials: BackstageCredentials },
  ): Promise<DoraOutcomes> {
    const { from, to } = query;
    const services = await readOutcomeServices({
      catalog: this.catalog,
      owner: query.owner,
      credentials: query.credentials,
    });
    const scaffolded = services.filter(
      (s): s is typeof s & { scaffoldedAt: number } =>
        s.scaffoldedAt !== null &&
        s.scaffoldedAt >= from &&
        s.scaffoldedAt < to,
    );
    const [first, pavedRoad] = await Promise.all([
      this.firstDeployments.firstDeployments(
        scaffolded.map(s => ({
          entityRef: s.entityRef,
          since: s.scaffoldedAt,
        })),
        to,
      ),
      comparePavedRoad({
        store: this.store,
        services,
        from,
        to,
        benchmark: this.config.benchmark,
      }),
    ]);
    const withFirst: ScaffoldedService[] = scaffolded.map(s => ({
      ...s,
      firstDeployedAt: first.get(s.entityRef) ?? null,
    }));
    return {
      window: { from: toIso(from), to: toIso(to) },
      owner: query.owner ?? null,
      timeToFirstDeploy: summarizeFirstDeploys(withFirst),
      pavedRoad,
    };
  }
}
