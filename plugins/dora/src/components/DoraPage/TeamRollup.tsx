import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api';
import { KeyMetricList } from '../shared/KeyMetricList';
import { TierChip } from '../shared/TierChip';
import { DemoDataChip } from '../shared/DemoDataChip';
import { DoraWindow } from '../shared/windows';

/** Props of {@link TeamRollup}. */
export interface TeamRollupProps {
  owner: string;
  window: DoraWindow;
  onDrillDown(): void;
}

/** The key figures of all services of a team and its child teams together. */
export function TeamRollup(props: TeamRollupProps) {
  const { owner, window, onDrillDown } = props;
  const doraApi = useApi(doraApiRef);
  const { value, loading, error } = useAsync(
    () => doraApi.getMetrics({ owner, ...window }),
    [doraApi, owner, window],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  return (
    <>
      <Typography
        variant="body2"
        color="textSecondary"
        component="div"
        paragraph
      >
        {value.entityRefs.length} entities, overall{' '}
        <TierChip tier={value.overallTier} />{' '}
        <DemoDataChip demo={value.demoData} />
      </Typography>
      <KeyMetricList metrics={value} onDrillDown={onDrillDown} />
    </>
  );
}
