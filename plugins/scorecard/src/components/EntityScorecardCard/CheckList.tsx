import {
  CheckResult,
  CheckStatus,
  ScorecardExemption,
} from '@paved-road/plugin-scorecard-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import Typography from '@material-ui/core/Typography';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { ExemptionNote } from '../exemptions';
import { RemediationActions } from './RemediationActions';

const STATUS_ICON: Record<CheckStatus, JSX.Element> = {
  pass: <StatusOK aria-label="Passed" />,
  fail: <StatusError aria-label="Failed" />,
  error: <StatusWarning aria-label="Error" />,
  skipped: <StatusPending aria-label="Skipped" />,
  exempt: <StatusAborted aria-label="Exempt" />,
};

const failing = (c: CheckResult) => c.status === 'fail' || c.status === 'error';

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Props of {@link CheckList}.
 *
 * @internal
 */
export interface CheckListProps {
  checks: CheckResult[];
  /** Pending exemption requests of the entity. */
  pending?: ScorecardExemption[];
  /** Offered on failing checks without a pending request, when given. */
  onRequestExemption?: (check: CheckResult) => void;
}

/** The applicable checks grouped by category, failing ones first. @internal */
export function CheckList(props: CheckListProps) {
  const applicable = props.checks.filter(c => c.status !== 'skipped');
  const skipped = props.checks.length - applicable.length;
  const categories = [...new Set(applicable.map(c => c.category))];
  const order = (c: CheckResult) => (failing(c) ? 0 : 1);
  const pendingOf = new Map((props.pending ?? []).map(e => [e.checkId, e]));
  return (
    <>
      <List dense disablePadding>
        {categories.map(category => (
          <li key={category}>
            <ul style={{ padding: 0 }}>
              <ListSubheader disableSticky>{category}</ListSubheader>
              {applicable
                .filter(c => c.category === category)
                .sort((a, b) => order(a) - order(b))
                .map(check => (
                  <ListItem key={check.id} alignItems="flex-start">
                    <ListItemIcon style={{ minWidth: 28, marginTop: 6 }}>
                      {STATUS_ICON[check.status]}
                    </ListItemIcon>
                    <ListItemText
                      disableTypography
                      primary={
                        <Typography variant="body2">{check.title}</Typography>
                      }
                      secondary={
                        <Box>
                          <Typography
                            variant="caption"
                            color="textSecondary"
                            component="div"
                          >
                            {check.message} · observed:{' '}
                            {formatValue(check.value)}
                          </Typography>
                          {check.status !== 'pass' && check.remediation && (
                            <RemediationActions
                              remediation={check.remediation}
                            />
                          )}
                          <ExemptionNote
                            check={check}
                            pending={pendingOf.get(check.id)}
                          />
                          {failing(check) &&
                            !pendingOf.has(check.id) &&
                            props.onRequestExemption && (
                              <Button
                                size="small"
                                onClick={() => props.onRequestExemption!(check)}
                                aria-label={`Request exemption from ${check.title}`}
                              >
                                Request exemption
                              </Button>
                            )}
                        </Box>
                      }
                    />
                  </ListItem>
                ))}
            </ul>
          </li>
        ))}
      </List>
      {skipped > 0 && (
        <Typography variant="caption" color="textSecondary">
          {skipped} {skipped === 1 ? 'check does' : 'checks do'} not apply to
          this entity.
        </Typography>
      )}
    </>
  );
}
