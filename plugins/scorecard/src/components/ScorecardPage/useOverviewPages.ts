import { ScorecardOverviewItem } from '@paved-road/plugin-scorecard-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ScorecardApi, ScorecardOverviewQuery } from '../../api';

/** Pages of the overview for a query, restarting when the query changes. @internal */
export function useOverviewPages(
  api: ScorecardApi,
  query: ScorecardOverviewQuery | undefined,
) {
  const key = JSON.stringify(query ?? null);
  const latest = useRef(key);
  const [items, setItems] = useState<ScorecardOverviewItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Error | undefined>();

  const load = useCallback(
    async (after?: string) => {
      if (!query) return;
      const forKey = JSON.stringify(query);
      setLoading(true);
      setError(undefined);
      try {
        const page = await api.getOverview({
          ...query,
          cursor: after,
          limit: 50,
        });
        if (latest.current !== forKey) return;
        setItems(prev => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (e) {
        if (latest.current === forKey) setError(e as Error);
      } finally {
        if (latest.current === forKey) setLoading(false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );

  useEffect(() => {
    latest.current = key;
    setItems([]);
    setCursor(null);
    load();
  }, [key, load]);

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null,
    loadMore: () => (cursor ? load(cursor) : Promise.resolve()),
  };
}

/** Every page of the overview for a query, for the CSV export. @internal */
export async function loadAllPages(
  api: ScorecardApi,
  query: ScorecardOverviewQuery,
): Promise<ScorecardOverviewItem[]> {
  const all: ScorecardOverviewItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.getOverview({ ...query, cursor, limit: 500 });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}
