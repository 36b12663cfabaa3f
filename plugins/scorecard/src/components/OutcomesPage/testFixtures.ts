import { DoraOutcomes } from '@paved-road/plugin-dora-common';
import { ScorecardOutcomes } from '@paved-road/plugin-scorecard-common';

const figure = (services: number, goldenPath: number, current: number) => ({
  services,
  goldenPath,
  current,
  shareGoldenPath: services ? goldenPath / services : null,
  shareCurrent: services ? current / services : null,
});

const nps = (
  answers: number,
  promoters: number,
  passives: number,
  detractors: number,
) => ({
  answers,
  promoters,
  passives,
  detractors,
  nps: answers ? ((promoters - detractors) / answers) * 100 : null,
});

/** Outcomes of a small fleet: payments 2 of 3 on the golden path. */
export const outcomes: ScorecardOutcomes = {
  generatedAt: '2026-12-05T08:00:00.000Z',
  adoption: {
    overall: figure(4, 2, 1),
    byTeam: [
      { team: 'group:default/payments', ...figure(3, 2, 1) },
      { team: 'group:default/search', ...figure(1, 0, 0) },
    ],
    bySystem: [],
    byArchetype: [
      {
        archetype: 'node-service',
        currentVersion: '1.1.0',
        ...figure(2, 2, 1),
      },
    ],
    truncated: false,
  },
  history: [
    {
      day: '2026-12-03',
      estimated: true,
      overall: figure(4, 1, 1),
      byTeam: [{ team: 'group:default/payments', ...figure(3, 1, 1) }],
    },
    {
      day: '2026-12-05',
      overall: figure(4, 2, 1),
      byTeam: [{ team: 'group:default/payments', ...figure(3, 2, 1) }],
    },
  ],
  templates: {
    items: [
      {
        templateRef: 'template:default/node-service',
        runs: 4,
        succeeded: 3,
        failed: 1,
        medianDurationMs: 3 * 3_600_000,
      },
    ],
    tasksRead: 4,
    truncated: false,
  },
  sloCoverage: {
    productionServices: 4,
    withSlo: 1,
    withBudgetLeft: 1,
    shareWithSlo: 0.25,
    shareWithBudgetLeft: 0.25,
  },
  exemptions: {
    open: 1,
    byCheck: [{ checkId: 'has-docs', open: 1 }],
    byTeam: [{ team: 'group:default/search', open: 1 }],
  },
  pulse: {
    byTemplate: [
      { templateRef: 'template:default/node-service', ...nps(2, 1, 0, 1) },
    ],
    history: [{ quarter: '2026-Q4', ...nps(2, 1, 0, 1) }],
  },
};

const keys = (services: number) => ({
  services,
  deploymentFrequency: {
    deployments: 12,
    deploymentDays: 10,
    perWeek: 2.5,
    tier: 'high' as const,
  },
  leadTimeForChanges: {
    changes: 10,
    medianSeconds: 7200,
    p90Seconds: 9000,
    tier: 'high' as const,
  },
  changeFailureRate: {
    deployments: 12,
    failedDeployments: 1,
    ratio: 0.125,
    tier: 'elite' as const,
  },
  timeToRestore: { incidents: 1, medianSeconds: 1800, tier: 'elite' as const },
  failedDeploymentRecoveryTime: {
    incidents: 1,
    medianSeconds: 1800,
    tier: 'elite' as const,
  },
  builds: {
    builds: 20,
    succeeded: 17,
    failed: 2,
    cancelled: 1,
    medianSeconds: 480,
    p90Seconds: 900,
    successRate: 17 / 19,
  },
  reason: null,
});

const tooFew = (services: number) => ({
  services,
  deploymentFrequency: null,
  leadTimeForChanges: null,
  changeFailureRate: null,
  timeToRestore: null,
  failedDeploymentRecoveryTime: null,
  builds: null,
  reason: 'Fewer than 3 services',
});

/** DORA outcomes: one deployed golden-path service, one waiting. */
export const dora: DoraOutcomes = {
  window: { from: '2026-06-08T00:00:00.000Z', to: '2026-12-05T00:00:00.000Z' },
  owner: null,
  timeToFirstDeploy: {
    byArchetype: [
      {
        archetype: 'node-service',
        services: 2,
        deployed: 1,
        medianMs: 26 * 3_600_000,
        p90Ms: 26 * 3_600_000,
      },
    ],
    byMonth: [
      {
        month: '2026-11',
        services: 2,
        deployed: 1,
        medianMs: 26 * 3_600_000,
        p90Ms: 26 * 3_600_000,
      },
    ],
    waiting: [
      {
        entityRef: 'component:default/payments-new',
        scaffoldedAt: '2026-11-20T10:00:00.000Z',
      },
    ],
  },
  pavedRoad: {
    overall: { paved: keys(3), offRoad: tooFew(1) },
    byTeam: [
      {
        team: 'group:default/payments',
        paved: tooFew(2),
        offRoad: tooFew(1),
      },
    ],
  },
};
