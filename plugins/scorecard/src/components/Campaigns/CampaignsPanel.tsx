import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ScorecardChecksResponse,
  scorecardCampaignManagePermission,
} from '@paved-road/plugin-scorecard-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { CampaignDetailView } from './CampaignDetailView';
import { NewCampaignDialog } from './NewCampaignDialog';
import { scorecardApiRef } from '../../api';
import { percent } from './percent';

/** Props of {@link CampaignsPanel}. @internal */
export interface CampaignsPanelProps {
  checks: ScorecardChecksResponse;
}

/**
 * The campaigns section of the Scorecards page: every campaign with its
 * overall progress; selecting one shows its detail and puts its id in the
 * URL (`?campaign=<id>`, the link of campaign reminders). Holders of
 * `scorecard.campaign.manage` get a "New campaign" button.
 *
 * @internal
 */
export function CampaignsPanel(props: CampaignsPanelProps) {
  const api = useApi(scorecardApiRef);
  const { allowed } = usePermission({
    permission: scorecardCampaignManagePermission,
  });
  const [searchParams, setSearchParams] = useSearchParams();
  const selected = searchParams.get('campaign') ?? undefined;
  const setSelected = (id: string) =>
    setSearchParams(
      params => {
        params.set('campaign', id);
        return params;
      },
      { replace: true },
    );
  const [creating, setCreating] = useState(false);
  const campaigns = useAsyncRetry(() => api.listCampaigns(), [api]);
  const detail = useAsyncRetry(
    async () => (selected ? api.getCampaign(selected) : undefined),
    [api, selected],
  );

  return (
    <InfoCard
      title="Campaigns"
      subheader="Goals for many entities by a deadline"
      action={
        allowed ? (
          <Button
            variant="outlined"
            color="primary"
            onClick={() => setCreating(true)}
          >
            New campaign
          </Button>
        ) : undefined
      }
    >
      {campaigns.loading && <Progress />}
      {campaigns.error && <ResponseErrorPanel error={campaigns.error} />}
      {campaigns.value && campaigns.value.items.length === 0 && (
        <>No campaigns yet. Configure them under 'scorecard.campaigns'.</>
      )}
      {campaigns.value && campaigns.value.items.length > 0 && (
        <Table size="small" aria-label="Campaigns">
          <TableHead>
            <TableRow>
              <TableCell>Campaign</TableCell>
              <TableCell>Deadline</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell align="right">Done</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {campaigns.value.items.map(c => (
              <TableRow
                key={c.id}
                hover
                selected={c.id === selected}
                onClick={() => setSelected(c.id)}
                style={{ cursor: 'pointer' }}
              >
                <TableCell>
                  <Button size="small" onClick={() => setSelected(c.id)}>
                    {c.title}
                  </Button>
                  {c.closedAt && ' (closed)'}
                </TableCell>
                <TableCell>{c.deadline}</TableCell>
                <TableCell>
                  <EntityRefLink entityRef={c.owner} defaultKind="group" />
                </TableCell>
                <TableCell align="right">
                  {percent(c.done, c.total)}% ({c.done} of {c.total})
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {selected && (
        <Box mt={3}>
          {detail.loading && <Progress />}
          {detail.error && <ResponseErrorPanel error={detail.error} />}
          {detail.value && (
            <CampaignDetailView
              campaign={detail.value}
              onStartUpgrades={
                allowed
                  ? async () => {
                      const started = await api.startCampaignUpgrades(selected);
                      detail.retry();
                      return started;
                    }
                  : undefined
              }
            />
          )}
        </Box>
      )}
      {creating && (
        <NewCampaignDialog
          checks={props.checks}
          onClose={() => setCreating(false)}
          onSubmit={async input => {
            const created = await api.createCampaign(input);
            setCreating(false);
            campaigns.retry();
            setSelected(created.id);
          }}
        />
      )}
    </InfoCard>
  );
}
