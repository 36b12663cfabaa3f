import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { DoraMetricsQuery } from '../../api';
import { DeploymentEvidenceDialog } from '../DeploymentEvidence';
import { DORA_DOCS_URL } from '../shared/docs';
import { WindowPicker } from '../shared/WindowPicker';
import {
  DORA_WINDOW_DAYS,
  DoraWindowDays,
  windowEnding,
} from '../shared/windows';
import { TeamPicker } from './TeamPicker';
import { TeamRollup } from './TeamRollup';
import { TeamServicesTable } from './TeamServicesTable';
import { TeamSloSummary } from './TeamSloSummary';
import { TrendCharts } from './TrendCharts';
import { Team } from './teams';
import { useTeams } from './useTeams';

function parseDays(value: string | null): DoraWindowDays {
  const days = Number(value);
  return DORA_WINDOW_DAYS.find(d => d === days) ?? 30;
}

function TeamView(props: { teams: Team[]; defaultRef?: string }) {
  const [params, setParams] = useSearchParams();
  const teamRef = params.get('team') ?? props.defaultRef ?? '';
  const team = props.teams.find(t => t.ref === teamRef) ?? props.teams[0];
  const days = parseDays(params.get('window'));
  const [drillDown, setDrillDown] = useState<{
    query: DoraMetricsQuery;
    title: string;
  }>();
  const window = useMemo(() => windowEnding(new Date(), days), [days]);
  const setParam = (key: string, value: string) =>
    setParams(p => {
      const next = new URLSearchParams(p);
      next.set(key, value);
      return next;
    });

  return (
    <>
      <ContentHeader
        title={team.title}
        description="Delivery performance of the team and its child teams"
      >
        <Box display="flex" alignItems="center" style={{ gap: 16 }}>
          <TeamPicker
            teams={props.teams}
            value={team.ref}
            onChange={ref => setParam('team', ref)}
          />
          <WindowPicker
            value={days}
            onChange={d => setParam('window', String(d))}
          />
        </Box>
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12} md={4}>
          <InfoCard
            title="Team roll-up"
            subheader={`All services, last ${days} days`}
          >
            <TeamRollup
              owner={team.ref}
              window={window}
              onDrillDown={() =>
                setDrillDown({
                  query: { owner: team.ref, ...window },
                  title: `Deployments of ${team.title}`,
                })
              }
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={8}>
          <InfoCard
            title="Trends"
            subheader="Last 12 weeks, one point per week"
          >
            <TrendCharts scope={{ owner: team.ref }} weeks={12} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title="Service level objectives"
            subheader="SLOs of the team's services now; at risk: under 25% of the error budget left, or an alert firing"
          >
            <TeamSloSummary owner={team.ref} />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title="Services"
            subheader={`Components owned by the team and its child teams, last ${days} days`}
          >
            <TeamServicesTable
              owner={team.ref}
              window={window}
              onDrillDown={(entityRef, title) =>
                setDrillDown({
                  query: { entityRef, ...window },
                  title: `Deployments of ${title}`,
                })
              }
            />
          </InfoCard>
        </Grid>
      </Grid>
      <DeploymentEvidenceDialog
        query={drillDown?.query}
        title={drillDown?.title ?? ''}
        onClose={() => setDrillDown(undefined)}
      />
    </>
  );
}

/**
 * The DORA team page: a team's services with their keys and tiers, weekly
 * trends and the deployment evidence behind each number.
 *
 * @public
 */
export function DoraPage() {
  const { value, loading, error } = useTeams();
  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (!value || value.teams.length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No team in the catalog"
        description="The team view lists the components owned by a Group entity. Register your organisation's groups in the catalog."
        action={
          <Button variant="outlined" color="primary" href={DORA_DOCS_URL}>
            Read the DORA setup guide
          </Button>
        }
      />
    );
  } else content = <TeamView teams={value.teams} defaultRef={value.mine} />;

  return (
    <Page themeId="tool">
      <Header title="DORA metrics" subtitle="Delivery performance per team" />
      <Content>{content}</Content>
    </Page>
  );
}
