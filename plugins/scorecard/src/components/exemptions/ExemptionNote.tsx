import {
  CheckResult,
  ScorecardExemption,
} from '@paved-road/plugin-scorecard-common';
import Typography from '@material-ui/core/Typography';
import { formatDay } from './dates';

/**
 * Props of {@link ExemptionNote}.
 *
 * @internal
 */
export interface ExemptionNoteProps {
  check: CheckResult;
  /** A pending request for this check, if any. */
  pending?: ScorecardExemption;
}

/**
 * "Exempt until … — reason — approved by …" for an exempt check, or the
 * pending request of a failing one; nothing otherwise.
 *
 * @internal
 */
export function ExemptionNote(props: ExemptionNoteProps) {
  const { check, pending } = props;
  if (check.status === 'exempt' && check.exemption) {
    const { expiresAt, justification, approvedBy } = check.exemption;
    return (
      <Typography variant="caption" component="div">
        Exempt until {formatDay(expiresAt)} — {justification} — approved by{' '}
        {approvedBy === 'auto-approve' ? 'automatic approval' : approvedBy}
      </Typography>
    );
  }
  if (pending) {
    return (
      <Typography variant="caption" component="div" color="textSecondary">
        Exemption until {formatDay(pending.expiresAt)} requested by{' '}
        {pending.requestedBy}, pending approval
      </Typography>
    );
  }
  return null;
}
