import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { DoraMetricsQuery, doraApiRef } from '../../api';
import { DeploymentEvidenceDialog } from '../DeploymentEvidence';
import { DemoDataChip } from '../shared/DemoDataChip';
import { SOURCE_ANNOTATIONS } from '../shared/docs';
import { KeyMetricList } from '../shared/KeyMetricList';
import { BuildFigures } from '../shared/BuildFigures';
import { hasBuilds } from '../shared/buildFigureText';
import { hasNoSamples } from '../shared/keyMetrics';
import { TierChip } from '../shared/TierChip';
import { useDoraTrend } from '../shared/useDoraTrend';
import { WindowPicker } from '../shared/WindowPicker';
import { DoraWindowDays, windowEnding } from '../shared/windows';
import { DoraCardEmptyState } from './DoraCardEmptyState';

/**
 * Props of {@link EntityDoraCard}.
 *
 * @public
 */
export interface EntityDoraCardProps {
  /** Card title; defaults to `DORA metrics`. */
  title?: string;
}

/**
 * DORA metrics of the current entity: the four keys, recovery time and
 * rework rate with tiers and 12-week sparklines, and build time and build
 * success rate, over 7, 30 or 90 days.
 *
 * @public
 */
export function EntityDoraCard(props: EntityDoraCardProps) {
  const { title = 'DORA metrics' } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const doraApi = useApi(doraApiRef);
  const [days, setDays] = useState<DoraWindowDays>(30);
  const [drillDown, setDrillDown] = useState<DoraMetricsQuery>();
  const query = useMemo(
    () => ({ entityRef, ...windowEnding(new Date(), days) }),
    [entityRef, days],
  );
  const { value, loading, error } = useAsync(
    async () => ({ metrics: await doraApi.getMetrics(query) }),
    [doraApi, query],
  );
  const trend = useDoraTrend({ entityRef });

  const annotations = entity.metadata.annotations ?? {};
  const sources = SOURCE_ANNOTATIONS.filter(a => annotations[a.key]);
  const subheader =
    sources.length > 0
      ? `Sources: ${sources
          .map(s => `${s.label} (${annotations[s.key]})`)
          .join(', ')}`
      : 'Source: events pushed to POST /api/dora/events';

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (
    value &&
    hasNoSamples(value.metrics) &&
    !hasBuilds(value.metrics)
  ) {
    content = <DoraCardEmptyState days={days} sources={sources} />;
  } else if (value) {
    content = (
      <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
        <KeyMetricList
          metrics={value.metrics}
          trend={trend.value}
          onDrillDown={() => setDrillDown(query)}
        />
        <BuildFigures metrics={value.metrics} />
      </Box>
    );
  }

  return (
    <InfoCard
      title={title}
      subheader={subheader}
      action={
        <Box display="flex" alignItems="center" style={{ gap: 8 }} mt={1}>
          <DemoDataChip demo={value?.metrics.demoData} />
          {value && value.metrics.overallTier && (
            <TierChip tier={value.metrics.overallTier} />
          )}
          <WindowPicker value={days} onChange={setDays} />
        </Box>
      }
    >
      {content}
      <DeploymentEvidenceDialog
        query={drillDown}
        title={`Deployments of ${
          entity.metadata.title ?? entity.metadata.name
        }`}
        onClose={() => setDrillDown(undefined)}
      />
    </InfoCard>
  );
}
