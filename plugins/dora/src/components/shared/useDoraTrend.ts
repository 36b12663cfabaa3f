import { useApi } from '@backstage/core-plugin-api';
import { DoraMetrics } from '@paved-road/plugin-dora-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { DoraScope, doraApiRef } from '../../api';
import { DoraWindow, weeklyBuckets } from './windows';

/** One weekly bucket of a trend. */
export interface DoraTrendPoint {
  window: DoraWindow;
  metrics: DoraMetrics;
}

/** Weekly metrics of a scope over `weeks` weeks, one request per week in parallel. */
export function useDoraTrend(scope: DoraScope, weeks = 12) {
  const doraApi = useApi(doraApiRef);
  const key = 'entityRef' in scope ? scope.entityRef : scope.owner;
  const buckets = useMemo(
    () => weeklyBuckets(new Date(), weeks),
    // A new scope gets fresh buckets; re-renders keep the same ones.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, weeks],
  );
  return useAsync(
    async (): Promise<DoraTrendPoint[]> =>
      Promise.all(
        buckets.map(async window => ({
          window,
          metrics: await doraApi.getMetrics({ ...scope, ...window }),
        })),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [doraApi, buckets],
  );
}
