import { useApi } from '@backstage/core-plugin-api';
import { DoraMetrics } from '@paved-road/plugin-dora-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { DoraScope, doraApiRef } from '../../api';
import { DoraWindow } from './windows';

/** One weekly bucket of a trend. */
export interface DoraTrendPoint {
  window: DoraWindow;
  metrics: DoraMetrics;
}

/** Weekly metrics of a scope over `weeks` weeks, in one request. */
export function useDoraTrend(scope: DoraScope, weeks = 12) {
  const doraApi = useApi(doraApiRef);
  const key = 'entityRef' in scope ? scope.entityRef : scope.owner;
  // A new scope gets a fresh end; re-renders keep the same one.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const to = useMemo(() => new Date(), [key, weeks]);
  return useAsync(async (): Promise<DoraTrendPoint[]> => {
    const { buckets } = await doraApi.getTrend({ ...scope, to, count: weeks });
    return buckets.map(metrics => ({
      window: { from: new Date(metrics.from), to: new Date(metrics.to) },
      metrics,
    }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doraApi, to]);
}
