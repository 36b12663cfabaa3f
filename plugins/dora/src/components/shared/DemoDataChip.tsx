import { useApi } from '@backstage/core-plugin-api';
import Chip from '@material-ui/core/Chip';
import useAsync from 'react-use/esm/useAsync';
import { DoraDeploymentsQuery, doraApiRef } from '../../api';
import { DEMO_SOURCE } from './docs';

/** Props of {@link DemoDataChip}. */
export interface DemoDataChipProps {
  /** The scope and window whose latest deployment decides. */
  query: DoraDeploymentsQuery;
}

/**
 * "Demo data" when the latest deployment in `query` comes from the example
 * demo provider, so nobody mistakes generated figures for real ones. Renders
 * nothing otherwise, and nothing on error: the card shows its own errors.
 */
export function DemoDataChip(props: DemoDataChipProps) {
  const doraApi = useApi(doraApiRef);
  const { query } = props;
  const { value: demo } = useAsync(async () => {
    const latest = await doraApi.getDeployments({ ...query, limit: 1 });
    return latest.items[0]?.source === DEMO_SOURCE;
  }, [doraApi, query]);
  if (!demo) return null;
  return <Chip size="small" color="secondary" label="Demo data" />;
}
