import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { CampaignDetail } from '@paved-road/plugin-scorecard-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { templatePath } from '../common/templatePath';
import { BurnDown } from './BurnDown';
import { CampaignUpgrades } from './CampaignUpgrades';
import { percent } from './percent';

/** Props of {@link CampaignDetailView}. @internal */
export interface CampaignDetailViewProps {
  campaign: CampaignDetail;
  /** Starts fleet upgrades (campaign managers); the button is hidden without it. */
  onStartUpgrades?: () => Promise<{ started: number }>;
}

function goalText(campaign: CampaignDetail): string {
  return 'check' in campaign.goal
    ? `check '${campaign.goal.check}' passing (or exempt)`
    : `level '${campaign.goal.level}' or higher`;
}

/**
 * One campaign: per-team progress (child groups counted into parents), a
 * burn-down towards the deadline and the entities not done with their
 * owners and how to fix them; for golden-path campaigns, fleet upgrades.
 *
 * @internal
 */
export function CampaignDetailView(props: CampaignDetailViewProps) {
  const { campaign } = props;
  return (
    <Box>
      <Typography variant="h6">{campaign.title}</Typography>
      {campaign.description && (
        <Typography variant="body2" paragraph>
          {campaign.description}
        </Typography>
      )}
      <Typography variant="body2" paragraph>
        Goal: {goalText(campaign)} · due {campaign.deadline} · run by{' '}
        <EntityRefLink entityRef={campaign.owner} defaultKind="group" /> ·{' '}
        {campaign.done} of {campaign.total} done (
        {percent(campaign.done, campaign.total)}%)
      </Typography>

      <Typography variant="subtitle2">Progress per team</Typography>
      <Table size="small" aria-label="Progress per team">
        <TableBody>
          {campaign.teams.map(t => (
            <TableRow key={t.team ?? 'none'}>
              <TableCell>
                {t.team ? (
                  <EntityRefLink entityRef={t.team} defaultKind="group" />
                ) : (
                  'No owner'
                )}
              </TableCell>
              <TableCell style={{ width: '50%' }}>
                <LinearProgress
                  variant="determinate"
                  value={percent(t.done, t.total)}
                  aria-label={`${t.team ?? 'No owner'}: ${t.done} of ${
                    t.total
                  } done`}
                />
              </TableCell>
              <TableCell align="right">
                {t.done} / {t.total}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Box mt={2}>
        <Typography variant="subtitle2">Burn-down</Typography>
        {campaign.history.length === 0 ? (
          <Typography variant="body2">No daily progress stored yet.</Typography>
        ) : (
          <BurnDown history={campaign.history} deadline={campaign.deadline} />
        )}
      </Box>

      <Box mt={2}>
        <Typography variant="subtitle2">
          Not done yet ({campaign.entitiesNotDoneCount})
        </Typography>
        {campaign.entitiesNotDone.length === 0 ? (
          <Typography variant="body2">Every entity is done.</Typography>
        ) : (
          <Table size="small" aria-label="Entities not done">
            <TableHead>
              <TableRow>
                <TableCell>Entity</TableCell>
                <TableCell>Owner</TableCell>
                <TableCell>To fix</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {campaign.entitiesNotDone.map(e => (
                <TableRow key={e.entityRef}>
                  <TableCell>
                    <EntityRefLink entityRef={e.entityRef} />
                  </TableCell>
                  <TableCell>
                    {e.owner ? (
                      <EntityRefLink entityRef={e.owner} defaultKind="group" />
                    ) : (
                      'No owner'
                    )}
                  </TableCell>
                  <TableCell>
                    {e.failingChecks.map(c => {
                      const r = c.remediation;
                      const path = r?.template
                        ? templatePath(r.template)
                        : undefined;
                      return (
                        <div key={c.id}>
                          {c.title}
                          {r?.text && ` — ${r.text}`}
                          {r?.url && (
                            <>
                              {' '}
                              <Link to={r.url}>How to fix</Link>
                            </>
                          )}
                          {path && (
                            <>
                              {' '}
                              <Link to={path}>Run the template</Link>
                            </>
                          )}
                        </div>
                      );
                    })}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {campaign.entitiesNotDoneCount > campaign.entitiesNotDone.length && (
          <Typography variant="caption">
            Showing the first {campaign.entitiesNotDone.length}.
          </Typography>
        )}
      </Box>

      <CampaignUpgrades campaign={campaign} onStart={props.onStartUpgrades} />
    </Box>
  );
}
