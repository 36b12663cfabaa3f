import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { ScorecardChecksResponse } from '@paved-road/plugin-scorecard-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import { useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ScorecardOverviewQuery, scorecardApiRef } from '../../api';
import { CampaignsPanel } from '../Campaigns';
import { downloadCsv, overviewToCsv } from './csv';
import { ExemptionsPanel } from './ExemptionsPanel';
import { OverviewFilterValues, OverviewFilters } from './OverviewFilters';
import { OverviewTable } from './OverviewTable';
import { TeamRollup } from './TeamRollup';
import { loadAllPages, useOverviewPages } from './useOverviewPages';

const NO_FILTERS: OverviewFilterValues = {
  owner: '',
  kind: '',
  level: '',
  failing: '',
  exempt: '',
};

function toQuery(
  filters: OverviewFilterValues,
  myRefs: string[],
): ScorecardOverviewQuery | undefined {
  let owners: string[] | undefined;
  if (filters.owner === 'mine') {
    if (myRefs.length === 0) return undefined;
    owners = myRefs;
  } else if (filters.owner) {
    owners = [filters.owner];
  }
  return {
    owners,
    kinds: filters.kind ? [filters.kind] : undefined,
    level: filters.level || undefined,
    failing: filters.failing || undefined,
    exempt: filters.exempt || undefined,
  };
}

function kindsOf(checks: ScorecardChecksResponse): string[] {
  const kinds = new Set(
    checks.checks
      .flatMap(c => c.filter?.kind ?? [])
      .map(k => k.toLocaleLowerCase('en-US')),
  );
  return [...(kinds.size > 0 ? kinds : new Set(['component']))].sort();
}

/**
 * The scorecard overview: every evaluated entity with score and level,
 * filters, a team roll-up and a CSV export.
 *
 * @public
 */
export function ScorecardPage() {
  const api = useApi(scorecardApiRef);
  const identityApi = useApi(identityApiRef);
  const [filters, setFilters] = useState(NO_FILTERS);

  const setup = useAsync(async () => {
    const [checks, identity, everyone] = await Promise.all([
      api.getChecks(),
      identityApi.getBackstageIdentity(),
      api.getRollup({}),
    ]);
    const owners = everyone.owners
      .map(o => o.owner)
      .filter((o): o is string => !!o);
    return { checks, myRefs: identity.ownershipEntityRefs, owners };
  }, [api, identityApi]);

  const query = useMemo(
    () => (setup.value ? toQuery(filters, setup.value.myRefs) : undefined),
    [filters, setup.value],
  );
  const pages = useOverviewPages(api, query);
  const rollup = useAsync(
    async () => (query ? api.getRollup(query) : undefined),
    [api, JSON.stringify(query)],
  );
  const [exportState, exportCsv] = useAsyncFn(async () => {
    if (!query) return;
    downloadCsv(
      overviewToCsv(await loadAllPages(api, query)),
      'scorecards.csv',
    );
  }, [api, query]);

  return (
    <Page themeId="tool">
      <Header
        title="Scorecards"
        subtitle="Where every service stands, and what to fix next"
      >
        {/* Relative: the outcomes live below this page, wherever it is mounted. */}
        <Button variant="contained" component={RouterLink} to="outcomes">
          Platform outcomes
        </Button>
      </Header>
      <Content>
        <ContentHeader title="Overview">
          <Button
            variant="outlined"
            color="primary"
            onClick={exportCsv}
            disabled={!query || exportState.loading}
          >
            {exportState.loading ? 'Exporting…' : 'Export CSV'}
          </Button>
        </ContentHeader>
        {setup.loading && <Progress />}
        {setup.error && (
          <ResponseErrorPanel
            error={setup.error}
            title="Could not load the scorecard checks"
          />
        )}
        {exportState.error && (
          <ResponseErrorPanel error={exportState.error} title="Export failed" />
        )}
        {setup.value && setup.value.checks.checks.length === 0 && (
          <EmptyState
            missing="info"
            title="No checks configured yet"
            description="Add checks and levels under 'scorecard' in app-config.yaml (see the README of @paved-road/plugin-scorecard-backend); the next pass evaluates every matching entity."
          />
        )}
        {setup.value && setup.value.checks.checks.length > 0 && (
          <>
            <OverviewFilters
              values={filters}
              onChange={setFilters}
              owners={setup.value.owners}
              kinds={kindsOf(setup.value.checks)}
              checks={setup.value.checks}
            />
            <Grid container spacing={3}>
              <Grid item xs={12}>
                <InfoCard title="Entities">
                  {!query && (
                    <EmptyState
                      missing="data"
                      title="You are not in any team"
                      description="'My teams' lists entities owned by the groups you belong to. Ask your admin to add you to a group in the catalog, or pick an owner."
                    />
                  )}
                  {pages.error && <ResponseErrorPanel error={pages.error} />}
                  {query && !pages.error && pages.items.length > 0 && (
                    <OverviewTable
                      items={pages.items}
                      checks={setup.value.checks}
                    />
                  )}
                  {query &&
                    !pages.loading &&
                    !pages.error &&
                    pages.items.length === 0 && (
                      <EmptyState
                        missing="data"
                        title="No entities match these filters"
                        description="Clear a filter, or wait for the next scheduled pass if the entities were added recently."
                        action={
                          <Button
                            variant="outlined"
                            onClick={() => setFilters(NO_FILTERS)}
                          >
                            Clear filters
                          </Button>
                        }
                      />
                    )}
                  {pages.loading && <Progress />}
                  {pages.hasMore && !pages.loading && (
                    <Button onClick={pages.loadMore}>Load more</Button>
                  )}
                </InfoCard>
              </Grid>
              <Grid item xs={12}>
                <ExemptionsPanel checks={setup.value.checks} />
              </Grid>
              <Grid item xs={12}>
                <CampaignsPanel checks={setup.value.checks} />
              </Grid>
              <Grid item xs={12}>
                <InfoCard
                  title="Team roll-up"
                  subheader="Share of each owner's entities at each level"
                >
                  {rollup.error && <ResponseErrorPanel error={rollup.error} />}
                  {rollup.value && rollup.value.owners.length > 0 && (
                    <TeamRollup rollup={rollup.value} />
                  )}
                  {rollup.value &&
                    rollup.value.owners.length === 0 &&
                    'No entities match these filters.'}
                </InfoCard>
              </Grid>
            </Grid>
          </>
        )}
      </Content>
    </Page>
  );
}
