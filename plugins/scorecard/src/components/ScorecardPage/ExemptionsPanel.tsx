import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ScorecardChecksResponse,
  ScorecardExemption,
  scorecardExemptionApprovePermission,
} from '@paved-road/plugin-scorecard-common';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardApiRef } from '../../api';
import { formatDay } from '../exemptions/dates';

/**
 * Props of {@link ExemptionsPanel}.
 *
 * @internal
 */
export interface ExemptionsPanelProps {
  checks: ScorecardChecksResponse;
}

interface DecisionRowProps {
  exemption: ScorecardExemption;
  checkTitle: string;
  onDecided(): void;
}

function DecisionRow(props: DecisionRowProps) {
  const { exemption: e } = props;
  const api = useApi(scorecardApiRef);
  const [comment, setComment] = useState('');
  const [state, decide] = useAsyncFn(
    async (decision: 'approve' | 'deny') => {
      await api.decideExemption(e.id, {
        decision,
        comment: comment.trim() || undefined,
      });
      props.onDecided();
    },
    [api, e.id, comment],
  );
  const label = `${props.checkTitle} for ${e.entityRef}`;
  return (
    <TableRow>
      <TableCell>
        <EntityRefLink entityRef={e.entityRef} />
      </TableCell>
      <TableCell>{props.checkTitle}</TableCell>
      <TableCell>{e.justification}</TableCell>
      <TableCell>{e.requestedBy}</TableCell>
      <TableCell>{formatDay(e.expiresAt)}</TableCell>
      <TableCell>
        <TextField
          size="small"
          variant="outlined"
          placeholder="Comment (optional)"
          value={comment}
          onChange={ev => setComment(ev.target.value)}
          inputProps={{ 'aria-label': `Comment on ${label}`, maxLength: 2000 }}
        />
        <Button
          color="primary"
          disabled={state.loading}
          onClick={() => decide('approve')}
          aria-label={`Approve ${label}`}
        >
          Approve
        </Button>
        <Button
          disabled={state.loading}
          onClick={() => decide('deny')}
          aria-label={`Deny ${label}`}
        >
          Deny
        </Button>
        {state.error && (
          <Typography color="error" variant="caption" role="alert">
            {state.error.message}
          </Typography>
        )}
      </TableCell>
    </TableRow>
  );
}

/**
 * Pending exemption requests with approve and deny, for holders of
 * `scorecard.exemption.approve` only; nothing for everyone else.
 *
 * @internal
 */
export function ExemptionsPanel(props: ExemptionsPanelProps) {
  const api = useApi(scorecardApiRef);
  const { allowed } = usePermission({
    permission: scorecardExemptionApprovePermission,
  });
  const pending = useAsyncRetry(
    async () =>
      allowed
        ? api.listExemptions({ statuses: ['pending'], limit: 100 })
        : undefined,
    [api, allowed],
  );
  if (!allowed) return null;
  const titles = new Map(props.checks.checks.map(c => [c.id, c.title]));
  return (
    <InfoCard
      title="Pending exemptions"
      subheader="Requests to let a check fail until a date; an approved one counts as passing"
    >
      {pending.loading && <Progress />}
      {pending.error && <ResponseErrorPanel error={pending.error} />}
      {pending.value && pending.value.items.length === 0 && (
        <Typography variant="body2">
          No pending requests. Owners request exemptions from a failing check on
          the entity's scorecard card.
        </Typography>
      )}
      {pending.value && pending.value.items.length > 0 && (
        <Table size="small" aria-label="Pending exemptions">
          <TableHead>
            <TableRow>
              <TableCell>Entity</TableCell>
              <TableCell>Check</TableCell>
              <TableCell>Justification</TableCell>
              <TableCell>Requested by</TableCell>
              <TableCell>Expires</TableCell>
              <TableCell>Decision</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {pending.value.items.map(e => (
              <DecisionRow
                key={e.id}
                exemption={e}
                checkTitle={titles.get(e.checkId) ?? e.checkId}
                onDecided={pending.retry}
              />
            ))}
          </TableBody>
        </Table>
      )}
      {pending.value?.nextCursor && (
        <Typography variant="caption">
          Showing the 100 oldest requests; decide these to see more.
        </Typography>
      )}
    </InfoCard>
  );
}
