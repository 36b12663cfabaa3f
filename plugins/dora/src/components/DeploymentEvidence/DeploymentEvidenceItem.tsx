import {
  DoraDeploymentEvidence,
  DoraLinkedIncident,
} from '@paved-road/plugin-dora-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { DEMO_SOURCE } from '../shared/docs';
import { formatDuration, formatTime, plural } from '../shared/format';

const RULES: Record<DoraLinkedIncident['rule'], string> = {
  explicit: 'explicit: the incident names this deployment',
  rollback: 'rollback: a rollback of this deployment ended the incident',
  'latest-before': 'latest-before: the last deployment before it opened',
};

function leadTime(deployment: DoraDeploymentEvidence, committedAt: string) {
  const seconds =
    (Date.parse(deployment.finishedAt) - Date.parse(committedAt)) / 1000;
  return seconds > 0 ? formatDuration(seconds) : 'not counted';
}

function IncidentLine(props: { incident: DoraLinkedIncident }) {
  const { incident } = props;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <Typography variant="body2">
        Incident {incident.source}/{incident.id}
        {incident.severity ? ` (${incident.severity})` : ''}, opened{' '}
        {formatTime(incident.openedAt)},{' '}
        {incident.resolvedAt
          ? `resolved ${formatTime(incident.resolvedAt)}`
          : 'still open'}
      </Typography>
      <Chip
        size="small"
        variant="outlined"
        label={`linked: ${incident.rule}`}
        title={RULES[incident.rule]}
      />
    </Box>
  );
}

/** One deployment with its changes and linked incidents. */
export function DeploymentEvidenceItem(props: {
  deployment: DoraDeploymentEvidence;
}) {
  const { deployment: d } = props;
  const theme = useTheme();
  return (
    <Box
      component="li"
      py={1}
      style={{ borderBottom: `1px solid ${theme.palette.divider}` }}
      aria-label={`Deployment ${d.source}/${d.id}`}
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="subtitle2">
          {formatTime(d.finishedAt)} · {d.entityRef} · {d.environment}
        </Typography>
        <Chip size="small" label={d.status} />
        {d.rework && <Chip size="small" label="rework" />}
        {d.source === DEMO_SOURCE && (
          <Chip size="small" color="secondary" label="demo data" />
        )}
        <Typography variant="caption" color="textSecondary">
          {d.source}/{d.id}
          {d.commitSha ? ` · ${d.commitSha.slice(0, 12)}` : ''}
        </Typography>
      </Box>
      <Typography variant="body2" color="textSecondary">
        {plural(d.changes.length, 'change')}
        {d.changes.length > 0 ? ': ' : ''}
        {d.changes
          .map(
            c =>
              `${c.sha.slice(0, 7)} (lead time ${leadTime(d, c.committedAt)})`,
          )
          .join(', ')}
      </Typography>
      {d.incidents.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No linked incident
        </Typography>
      ) : (
        d.incidents.map(i => (
          <IncidentLine key={`${i.source}/${i.id}`} incident={i} />
        ))
      )}
    </Box>
  );
}
