import {
  ApiRef,
  discoveryApiRef,
  fetchApiRef,
  useApiHolder,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CampaignDetail,
  CampaignInput,
  CampaignList,
  CampaignSummary,
  CampaignUpgradeStart,
} from '@paved-road/plugin-scorecard-common';
import { useMemo } from 'react';

/** The campaign routes of `/api/scorecard`. @internal */
export interface CampaignsApi {
  list(): Promise<CampaignList>;
  get(id: string): Promise<CampaignDetail>;
  create(input: CampaignInput): Promise<CampaignSummary>;
  startUpgrades(id: string): Promise<CampaignUpgradeStart>;
}

/**
 * Calls the campaign routes with the signed-in user's credentials. The
 * discovery and fetch APIs are resolved per call, so an app without them
 * shows an error in the campaigns section instead of failing the page.
 *
 * @internal
 */
export function useCampaignsApi(): CampaignsApi {
  const apis = useApiHolder();
  return useMemo(() => {
    const api = <T>(ref: ApiRef<T>): T => {
      const found = apis.get(ref);
      if (!found) throw new Error(`No implementation for ${ref.id}`);
      return found;
    };
    const call = async <T>(path: string, init?: RequestInit): Promise<T> => {
      const base = await api(discoveryApiRef).getBaseUrl('scorecard');
      const fetchApi = api(fetchApiRef);
      const res = await fetchApi.fetch(`${base}${path}`, init);
      if (!res.ok) throw await ResponseError.fromResponse(res);
      return (await res.json()) as T;
    };
    return {
      list: () => call<CampaignList>('/campaigns'),
      get: id => call<CampaignDetail>(`/campaigns/${encodeURIComponent(id)}`),
      create: input =>
        call<CampaignSummary>('/campaigns', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input),
        }),
      startUpgrades: id =>
        call<CampaignUpgradeStart>(
          `/campaigns/${encodeURIComponent(id)}/upgrades`,
          { method: 'POST' },
        ),
    };
  }, [apis]);
}

/** `3 of 4 (75%)`. @internal */
export function percent(done: number, total: number): number {
  return total === 0 ? 100 : Math.round((done / total) * 100);
}
