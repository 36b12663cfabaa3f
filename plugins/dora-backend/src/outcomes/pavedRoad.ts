import {
  DORA_OUTCOMES_MIN_SERVICES,
  DoraBenchmark,
  DoraOutcomeFigures,
  DoraPavedRoadComparison,
} from '@paved-road/plugin-dora-common';
import { DatabaseDoraStore } from '../database/DatabaseDoraStore';
import { buildMetrics } from '../service/buildMetrics';
import { buildStats } from '../service/buildStats';
import { OutcomeService } from './outcomeServices';

/** What the outcomes read of the DORA store. @internal */
export type OutcomesStore = Pick<
  DatabaseDoraStore,
  'getFigures' | 'getBuildFigures'
>;

/** Options of {@link comparePavedRoad}. @internal */
export interface ComparePavedRoadOptions {
  store: OutcomesStore;
  services: OutcomeService[];
  from: number;
  to: number;
  benchmark: DoraBenchmark;
}

/**
 * The four keys and build figures of golden-path services beside the others, overall and per
 * team, each group aggregated like an owner's `/metrics`.
 *
 * @internal
 */
export async function comparePavedRoad(
  options: ComparePavedRoadOptions,
): Promise<DoraPavedRoadComparison> {
  const split = async (services: OutcomeService[]) => {
    const [paved, offRoad] = await Promise.all([
      groupFigures(
        options,
        services.filter(s => s.archetype !== null),
      ),
      groupFigures(
        options,
        services.filter(s => s.archetype === null),
      ),
    ]);
    return { paved, offRoad };
  };
  const teams = [...new Set(options.services.map(s => s.team))].sort();
  const byTeam = [];
  // One team at a time: each reads the rollups of its services.
  for (const team of teams) {
    byTeam.push({
      team,
      ...(await split(options.services.filter(s => s.team === team))),
    });
  }
  return { overall: await split(options.services), byTeam };
}

async function groupFigures(
  options: ComparePavedRoadOptions,
  services: OutcomeService[],
): Promise<DoraOutcomeFigures> {
  if (services.length < DORA_OUTCOMES_MIN_SERVICES) {
    return {
      services: services.length,
      deploymentFrequency: null,
      leadTimeForChanges: null,
      changeFailureRate: null,
      timeToRestore: null,
      failedDeploymentRecoveryTime: null,
      builds: null,
      reason: `Only ${services.length} service${
        services.length === 1 ? '' : 's'
      }: figures need at least ${DORA_OUTCOMES_MIN_SERVICES}`,
    };
  }
  const entityRefs = services.map(s => s.entityRef);
  const { from, to, benchmark } = options;
  const [figures, builds] = await Promise.all([
    options.store.getFigures({
      entityRefs,
      from,
      to,
      scope: { type: 'production' },
    }),
    options.store.getBuildFigures({ entityRefs, from, to }),
  ]);
  const metrics = buildMetrics({ figures, entityRefs, from, to, benchmark });
  return {
    services: services.length,
    deploymentFrequency: metrics.deploymentFrequency,
    leadTimeForChanges: metrics.leadTimeForChanges,
    changeFailureRate: metrics.changeFailureRate,
    timeToRestore: metrics.timeToRestore,
    failedDeploymentRecoveryTime: metrics.failedDeploymentRecoveryTime,
    builds: buildStats(builds),
    reason: null,
  };
}
