import Typography from '@material-ui/core/Typography';
import {
  DoraFirstDeployFigures,
  DoraOutcomeFigures,
  DoraOutcomes,
} from '@paved-road/plugin-dora-common';
import { duration, orFewer, share } from './format';
import { SectionCard } from './SectionCard';
import { SimpleTable } from './SimpleTable';

/**
 * Props of the sections read from `GET /api/dora/outcomes`.
 *
 * @internal
 */
export interface DoraSectionProps {
  dora: DoraOutcomes;
}

const firstDeploy = (f: DoraFirstDeployFigures) => [
  f.services,
  f.deployed,
  duration(f.medianMs),
  duration(f.p90Ms),
];

/** Time from scaffolding to first production deploy, per archetype and month. @internal */
export function TimeToFirstDeploySection(props: DoraSectionProps) {
  const t = props.dora.timeToFirstDeploy;
  const header = ['Services', 'Deployed', 'Median', 'p90'];
  return (
    <SectionCard
      title="Time to first deploy"
      subheader="From the golden path's scaffolding to the first production deployment"
      filename="outcomes-time-to-first-deploy.csv"
      header={['group', 'name', 'services', 'deployed', 'medianMs', 'p90Ms']}
      rows={[
        ...t.byArchetype.map(a => [
          'archetype',
          a.archetype,
          a.services,
          a.deployed,
          a.medianMs,
          a.p90Ms,
        ]),
        ...t.byMonth.map(m => [
          'month',
          m.month,
          m.services,
          m.deployed,
          m.medianMs,
          m.p90Ms,
        ]),
        ...t.waiting.map(w => ['waiting', w.entityRef, 1, 0, null, null]),
      ]}
    >
      {t.byArchetype.length === 0 ? (
        <Typography>
          No service was scaffolded by a golden path in this window.
        </Typography>
      ) : (
        <>
          <SimpleTable
            label="Time to first deploy per archetype"
            header={['Archetype', ...header]}
            rows={t.byArchetype.map(a => [a.archetype, ...firstDeploy(a)])}
          />
          <SimpleTable
            label="Time to first deploy per month"
            header={['Month', ...header]}
            rows={t.byMonth.map(m => [m.month, ...firstDeploy(m)])}
          />
        </>
      )}
      {t.waiting.length > 0 && (
        <SimpleTable
          label="Services waiting for their first deployment"
          header={['Waiting for a first deploy', 'Scaffolded at']}
          rows={t.waiting.map(w => [w.entityRef, w.scaffoldedAt])}
        />
      )}
    </SectionCard>
  );
}

const DAY_S = 86_400;
const ms = (seconds: number | null | undefined) =>
  seconds === null || seconds === undefined ? null : seconds * 1000;
const cells = (f: DoraOutcomeFigures) => [
  f.services,
  orFewer(f.deploymentFrequency?.perWeek.toFixed(1) ?? '—', f),
  orFewer(duration(ms(f.leadTimeForChanges?.medianSeconds)), f),
  orFewer(share(f.changeFailureRate?.ratio ?? null), f),
  orFewer(duration(ms(f.timeToRestore?.medianSeconds)), f),
  orFewer(duration(ms(f.builds?.medianSeconds)), f),
  orFewer(share(f.builds?.successRate ?? null), f),
];
const raw = (f: DoraOutcomeFigures) => [
  f.services,
  f.deploymentFrequency?.perWeek ?? null,
  f.leadTimeForChanges?.medianSeconds ?? null,
  f.changeFailureRate?.ratio ?? null,
  f.timeToRestore?.medianSeconds ?? null,
  f.builds?.medianSeconds ?? null,
  f.builds?.successRate ?? null,
];

/** The four keys and build figures of golden-path services beside the others, per team and overall. @internal */
export function PavedRoadSection(props: DoraSectionProps) {
  const { overall, byTeam } = props.dora.pavedRoad;
  const groups = [{ team: 'overall', ...overall }, ...byTeam];
  return (
    <SectionCard
      title="Paved road vs off road"
      subheader={`Four keys and builds over ${Math.round(
        (Date.parse(props.dora.window.to) -
          Date.parse(props.dora.window.from)) /
          1000 /
          DAY_S,
      )} days, with the services behind each figure`}
      filename="outcomes-paved-road.csv"
      header={[
        'team',
        'road',
        'services',
        'deploymentsPerWeek',
        'leadTimeMedianSeconds',
        'changeFailureRatio',
        'timeToRestoreMedianSeconds',
        'buildMedianSeconds',
        'buildSuccessRate',
      ]}
      rows={groups.flatMap(g => [
        [g.team, 'paved', ...raw(g.paved)],
        [g.team, 'off', ...raw(g.offRoad)],
      ])}
    >
      <SimpleTable
        label="Paved road vs off road"
        header={[
          'Team',
          'Road',
          'Services',
          'Deploys / week',
          'Lead time (median)',
          'Change failure rate',
          'Time to restore (median)',
          'Build time (median)',
          'Build success',
        ]}
        rows={groups.flatMap(g => [
          [g.team, 'Paved road', ...cells(g.paved)],
          ['', 'Off road', ...cells(g.offRoad)],
        ])}
      />
    </SectionCard>
  );
}
