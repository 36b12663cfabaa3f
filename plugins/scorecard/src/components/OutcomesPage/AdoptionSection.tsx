import Typography from '@material-ui/core/Typography';
import {
  OutcomesAdoptionFigure,
  ScorecardOutcomes,
} from '@paved-road/plugin-scorecard-common';
import { share } from './format';
import { SectionCard } from './SectionCard';
import { ShareTrend } from './ShareTrend';
import { SimpleTable } from './SimpleTable';

const HEADER = [
  'group',
  'name',
  'services',
  'goldenPath',
  'current',
  'shareGoldenPath',
  'shareCurrent',
];

const figures = (f: OutcomesAdoptionFigure) => [
  f.services,
  f.goldenPath,
  f.current,
  f.shareGoldenPath,
  f.shareCurrent,
];

/**
 * Props of {@link AdoptionSection}.
 *
 * @internal
 */
export interface AdoptionSectionProps {
  outcomes: ScorecardOutcomes;
}

/** Golden-path adoption per team (with its daily trend), per archetype and overall. @internal */
export function AdoptionSection(props: AdoptionSectionProps) {
  const { adoption, history } = props.outcomes;
  const trendOf = (team: string) =>
    history.map(p => ({
      day: p.day,
      share: p.byTeam.find(t => t.team === team)?.shareGoldenPath ?? null,
    }));
  const rows = [
    ['overall', 'all services', ...figures(adoption.overall)],
    ...adoption.byTeam.map(t => ['team', t.team, ...figures(t)]),
    ...adoption.byArchetype.map(a => ['archetype', a.archetype, ...figures(a)]),
    ...adoption.bySystem.map(s => ['system', s.system, ...figures(s)]),
  ];
  const shown = (f: OutcomesAdoptionFigure) => [
    f.services,
    `${share(f.shareGoldenPath)} (${f.goldenPath})`,
    `${share(f.shareCurrent)} (${f.current})`,
  ];
  return (
    <SectionCard
      title="Adoption"
      subheader="Services built from a golden path, and on its current version"
      filename="outcomes-adoption.csv"
      header={HEADER}
      rows={rows}
    >
      <Typography variant="body1" gutterBottom>
        Overall: {share(adoption.overall.shareGoldenPath)} of{' '}
        {adoption.overall.services} services on a golden path,{' '}
        {share(adoption.overall.shareCurrent)} on its current version.
        {adoption.truncated && ' (Only part of the catalog was read.)'}
      </Typography>
      {adoption.overall.services === 0 ? (
        <Typography>
          No services yet: register Components of type 'service' in the catalog.
        </Typography>
      ) : (
        <>
          <SimpleTable
            label="Adoption per team"
            header={['Team', 'Services', 'Golden path', 'Current', 'Trend']}
            rows={adoption.byTeam.map(t => [
              t.team,
              ...shown(t),
              <ShareTrend
                label={`Golden-path share of ${t.team}`}
                points={trendOf(t.team)}
              />,
            ])}
          />
          {history.some(p => p.estimated) && (
            <Typography variant="caption" component="p">
              Trend before{' '}
              {history.find(p => !p.estimated)?.day ?? 'the first recorded day'}{' '}
              estimated: a service created by the golden path counts from its
              paved-road.dev/scaffolded-at day, every other service as it is
              today.
            </Typography>
          )}
          <SimpleTable
            label="Adoption per archetype"
            header={['Archetype', 'Services', 'Golden path', 'Current']}
            rows={adoption.byArchetype.map(a => [
              `${a.archetype} (current ${a.currentVersion})`,
              ...shown(a),
            ])}
          />
        </>
      )}
    </SectionCard>
  );
}
