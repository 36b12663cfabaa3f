import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { CheckResult } from '@paved-road/plugin-scorecard-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { scorecardApiRef } from '../../api';
import { expiryOf, localDate } from './dates';

/** Bounds of a justification, as the backend checks them. */
const MIN_LENGTH = 10;
const MAX_LENGTH = 2000;

/**
 * Props of {@link ExemptionRequestDialog}.
 *
 * @internal
 */
export interface ExemptionRequestDialogProps {
  /** The failing check to request an exemption from. */
  check: CheckResult;
  /** Sends the request; rejects with the backend's error. */
  onSubmit(request: {
    justification: string;
    expiresAt: string;
  }): Promise<void>;
  onClose(): void;
}

/**
 * Asks for a justification and an expiry date no later than the configured
 * maximum (`scorecard.exemptions.maxDuration`, read from the backend).
 *
 * @internal
 */
export function ExemptionRequestDialog(props: ExemptionRequestDialogProps) {
  const { check } = props;
  const api = useApi(scorecardApiRef);
  const policy = useAsync(
    async () => (await api.getChecks()).exemptions,
    [api],
  );
  const [justification, setJustification] = useState('');
  const [date, setDate] = useState('');
  const [submitState, submit] = useAsyncFn(async () => {
    const maxDurationMs = policy.value!.maxDurationMs;
    await props.onSubmit({
      justification: justification.trim(),
      expiresAt: expiryOf(date, maxDurationMs, new Date()).toISOString(),
    });
  }, [justification, date, policy.value]);

  const now = new Date();
  const min = localDate(now);
  const max = policy.value
    ? localDate(new Date(now.getTime() + policy.value.maxDurationMs))
    : undefined;
  const length = justification.trim().length;
  const justificationOk = length >= MIN_LENGTH && length <= MAX_LENGTH;
  const dateOk = !!max && date >= min && date <= max;

  return (
    <Dialog open onClose={props.onClose} aria-labelledby="exemption-title">
      <DialogTitle id="exemption-title">
        Request an exemption from “{check.title}”
      </DialogTitle>
      <DialogContent>
        {policy.loading && <Progress />}
        {policy.error && (
          <ResponseErrorPanel
            error={policy.error}
            title="Could not load the exemption policy"
          />
        )}
        {policy.value && (
          <>
            <Typography variant="body2" paragraph>
              While the exemption is approved and not expired, this check counts
              as passing.{' '}
              {policy.value.autoApprove
                ? 'Requests are approved automatically.'
                : 'An approver decides on the request.'}
            </Typography>
            <TextField
              id="exemption-justification"
              label="Justification"
              value={justification}
              onChange={e => setJustification(e.target.value)}
              multiline
              minRows={3}
              fullWidth
              required
              variant="outlined"
              margin="normal"
              error={length > MAX_LENGTH}
              helperText={`Why this check may fail for now: ${MIN_LENGTH} to ${MAX_LENGTH} characters (${length})`}
            />
            <TextField
              id="exemption-expires"
              label="Expires on"
              type="date"
              value={date}
              onChange={e => setDate(e.target.value)}
              required
              variant="outlined"
              margin="normal"
              InputLabelProps={{ shrink: true }}
              inputProps={{ min, max }}
              error={!!date && !dateOk}
              helperText={`At the latest ${max}`}
            />
          </>
        )}
        {submitState.error && (
          <Typography color="error" variant="body2" role="alert">
            Request failed: {submitState.error.message}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={!justificationOk || !dateOk || submitState.loading}
        >
          {submitState.loading ? 'Requesting…' : 'Request exemption'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
