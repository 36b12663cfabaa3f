import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { Team, defaultTeam, toTeams } from './teams';

/** The catalog's groups and the team of the signed-in user, if any. */
export function useTeams() {
  const catalogApi = useApi(catalogApiRef);
  const identityApi = useApi(identityApiRef);
  return useAsync(async (): Promise<{ teams: Team[]; mine?: string }> => {
    const [groups, identity] = await Promise.all([
      catalogApi.getEntities({
        filter: { kind: 'Group' },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.title',
          'spec.profile.displayName',
          'relations',
        ],
      }),
      identityApi.getBackstageIdentity().catch(() => undefined),
    ]);
    const teams = toTeams(groups.items);
    return {
      teams,
      mine: defaultTeam(teams, identity?.ownershipEntityRefs ?? []),
    };
  }, [catalogApi, identityApi]);
}
