import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  CheckResult,
  scorecardEntityRefreshPermission,
  scorecardExemptionRequestPermission,
} from '@paved-road/plugin-scorecard-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { scorecardApiRef } from '../../api';
import { ExemptionRequestDialog } from '../exemptions';
import { CheckList } from './CheckList';
import { EntityCampaigns } from '../Campaigns';
import { ScorecardSummary } from './ScorecardSummary';

/**
 * Props of {@link EntityScorecardCard}.
 *
 * @public
 */
export interface EntityScorecardCardProps {
  /** Card title; defaults to `Scorecard`. */
  title?: string;
}

const isNotFound = (error: Error) =>
  error.name === 'NotFoundError' ||
  (error as { statusCode?: number }).statusCode === 404 ||
  (error as { response?: { status?: number } }).response?.status === 404;

/**
 * The scorecard of the current entity: level, score, trend, and every check
 * with how to fix it.
 *
 * @public
 */
export function EntityScorecardCard(props: EntityScorecardCardProps) {
  const { title = 'Scorecard' } = props;
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const api = useApi(scorecardApiRef);
  const { allowed: canRefresh } = usePermission({
    permission: scorecardEntityRefreshPermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const { allowed: canRequest } = usePermission({
    permission: scorecardExemptionRequestPermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const [refreshed, setRefreshed] = useState<number>(0);
  const [requesting, setRequesting] = useState<CheckResult | undefined>();

  const state = useAsyncRetry(async () => {
    const [scorecard, history, pending] = await Promise.all([
      api.getEntityScorecard(ref),
      api.getHistory(ref).catch(() => ({ items: [] })),
      api
        .listExemptions({
          entityRef: stringifyEntityRef(entity),
          statuses: ['pending'],
        })
        .catch(() => ({ items: [] })),
    ]);
    return { scorecard, history: history.items, pending: pending.items };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, ref.kind, ref.namespace, ref.name, refreshed]);

  const [refreshState, refresh] = useAsyncFn(async () => {
    await api.refreshEntityScorecard(ref);
    setRefreshed(n => n + 1);
  }, [api, ref.kind, ref.namespace, ref.name]);

  const action = canRefresh ? (
    <Button
      size="small"
      color="primary"
      onClick={refresh}
      disabled={refreshState.loading}
      aria-label="Refresh scorecard"
    >
      {refreshState.loading ? 'Refreshing…' : 'Refresh'}
    </Button>
  ) : undefined;

  if (state.loading && !state.value) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (state.error) {
    if (isNotFound(state.error)) {
      return (
        <InfoCard title={title}>
          <EmptyState
            missing="field"
            title="No scorecard for this entity"
            description="None of the platform team's checks apply to it. Checks are configured under 'scorecard.checks' in app-config.yaml, filtered by kind, type, lifecycle, tag or owner."
          />
        </InfoCard>
      );
    }
    return (
      <ResponseErrorPanel
        error={state.error}
        title="Could not load the scorecard"
      />
    );
  }
  const { scorecard, history, pending } = state.value!;
  return (
    <InfoCard
      title={title}
      subheader={`Evaluated ${new Date(
        scorecard.evaluatedAt,
      ).toLocaleString()}`}
      action={action}
    >
      {refreshState.error && (
        <Typography color="error" variant="body2" role="alert">
          Refresh failed: {refreshState.error.message}
        </Typography>
      )}
      <ScorecardSummary scorecard={scorecard} history={history} />
      <EntityCampaigns campaigns={scorecard.campaigns} />
      <CheckList
        checks={scorecard.checks}
        pending={pending}
        onRequestExemption={canRequest ? setRequesting : undefined}
      />
      {requesting && (
        <ExemptionRequestDialog
          check={requesting}
          onClose={() => setRequesting(undefined)}
          onSubmit={async request => {
            await api.requestExemption(ref, {
              checkId: requesting.id,
              ...request,
            });
            setRequesting(undefined);
            setRefreshed(n => n + 1);
          }}
        />
      )}
    </InfoCard>
  );
}
