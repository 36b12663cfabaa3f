import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { CampaignDetail } from '@paved-road/plugin-scorecard-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';

/** Props of {@link CampaignUpgrades}. @internal */
export interface CampaignUpgradesProps {
  campaign: CampaignDetail;
  /** Starts a fleet upgrade run; shown as a button when given. */
  onStart?: () => Promise<{ started: number }>;
}

const STATE_TEXT: Record<string, string> = {
  opened: 'Opened',
  'already-open': 'Already open',
  merged: 'Merged',
  'up-to-date': 'Up to date',
  conflicts: 'Opened with conflicts',
  failed: 'Failed',
};

/**
 * Fleet upgrades of a golden-path campaign: the "Open upgrade PRs" button
 * and each entity's upgrade state with a link to its PR/MR.
 *
 * @internal
 */
export function CampaignUpgrades(props: CampaignUpgradesProps) {
  const { campaign, onStart } = props;
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const upgrades = campaign.upgrades ?? [];
  const goldenPath =
    'check' in campaign.goal && campaign.goal.check.startsWith('golden-path');
  if (!goldenPath && upgrades.length === 0) return null;

  const start = async () => {
    setBusy(true);
    try {
      const { started } = await onStart!();
      setMessage(`Upgrading ${started} entities; refresh to follow.`);
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box mt={2}>
      <Typography variant="subtitle2">Upgrades</Typography>
      {onStart && goldenPath && !campaign.closedAt && (
        <Button
          variant="outlined"
          color="primary"
          size="small"
          disabled={busy}
          onClick={start}
        >
          Open upgrade PRs
        </Button>
      )}
      {message && (
        <Typography variant="body2" role="status">
          {message}
        </Typography>
      )}
      {upgrades.length === 0 ? (
        <Typography variant="body2">No upgrades opened yet.</Typography>
      ) : (
        <Table size="small" aria-label="Upgrades">
          <TableHead>
            <TableRow>
              <TableCell>Entity</TableCell>
              <TableCell>Repository</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Updated</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {upgrades.map(u => (
              <TableRow key={u.entityRef}>
                <TableCell>
                  <EntityRefLink entityRef={u.entityRef} />
                </TableCell>
                <TableCell>{u.repository}</TableCell>
                <TableCell>
                  {STATE_TEXT[u.state] ?? u.state}
                  {u.changeRequest && (
                    <>
                      {' '}
                      <Link to={u.changeRequest.url}>
                        #{u.changeRequest.number}
                      </Link>
                    </>
                  )}
                  {u.reason && ` — ${u.reason}`}
                </TableCell>
                <TableCell>
                  {u.updatedAt.slice(0, 16).replace('T', ' ')}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
