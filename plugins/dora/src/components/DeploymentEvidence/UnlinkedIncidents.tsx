import { useApi } from '@backstage/core-plugin-api';
import {
  DoraIncidentEvidence,
  DoraUnlinkedReason,
} from '@paved-road/plugin-dora-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { DoraMetricsQuery, doraApiRef } from '../../api';
import { formatTime } from '../shared/format';

const REASONS: Record<DoraUnlinkedReason, string> = {
  excluded: 'not change-caused (excluded by a filter or by its source)',
  'beyond-lookback':
    'beyond lookback: the last deployment before it is older than the configured lookback',
  'no-deployment': 'no deployment before it',
};

// The first page is enough to explain the figures; the rest is counted.
const LIMIT = 100;

/**
 * Incidents of the window linked to no deployment, with the reason: they
 * count for time to restore, not for change failure.
 */
export function UnlinkedIncidents(props: { query: DoraMetricsQuery }) {
  const doraApi = useApi(doraApiRef);
  const { value } = useAsync(
    () => doraApi.getIncidents({ ...props.query, limit: LIMIT }),
    [doraApi, props.query],
  );
  const unlinked: DoraIncidentEvidence[] =
    value?.items.filter(i => i.link === null) ?? [];
  if (unlinked.length === 0) return null;
  return (
    <Box mt={2}>
      <Typography variant="subtitle2">
        Incidents not linked to a deployment
      </Typography>
      <Box component="ul" pl={2} m={0}>
        {unlinked.map(i => (
          <li key={`${i.source}/${i.id}`}>
            <Typography variant="body2">
              {i.source}/{i.id}
              {i.severity ? ` (${i.severity})` : ''}, opened{' '}
              {formatTime(i.openedAt)}:{' '}
              {REASONS[i.unlinkedReason ?? 'no-deployment']}
            </Typography>
          </li>
        ))}
      </Box>
    </Box>
  );
}
