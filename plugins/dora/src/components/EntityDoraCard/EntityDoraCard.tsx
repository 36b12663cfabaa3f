import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DORA_ANNOTATIONS } from '@paved-road/plugin-dora-common';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api';

const SOURCE_ANNOTATIONS: Array<{ key: string; label: string }> = [
  { key: DORA_ANNOTATIONS.githubProjectSlug, label: 'GitHub' },
  { key: DORA_ANNOTATIONS.gitlabProjectSlug, label: 'GitLab' },
  { key: DORA_ANNOTATIONS.gitlabProjectId, label: 'GitLab' },
  { key: DORA_ANNOTATIONS.pagerDutyServiceId, label: 'PagerDuty' },
  { key: DORA_ANNOTATIONS.opsgenieComponentSelector, label: 'Opsgenie' },
  { key: DORA_ANNOTATIONS.incidentIoService, label: 'incident.io' },
];

/**
 * Props of {@link EntityDoraCard}.
 *
 * @public
 */
export interface EntityDoraCardProps {
  title?: string;
}

/**
 * DORA metrics of the current entity.
 *
 * @public
 */
export function EntityDoraCard(props: EntityDoraCardProps) {
  const { title = 'DORA metrics' } = props;
  const { entity } = useEntity();
  const doraApi = useApi(doraApiRef);
  const { value, loading, error } = useAsync(
    () => doraApi.getHealth(),
    [doraApi],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  const annotations = entity.metadata.annotations ?? {};
  const sources = SOURCE_ANNOTATIONS.filter(a => annotations[a.key]);

  return (
    <InfoCard
      title={title}
      subheader="Deployments, lead time, change failure rate, time to restore"
    >
      {sources.length === 0 ? (
        <EmptyState
          missing="field"
          title="No delivery data source for this entity"
          description={`Add a '${DORA_ANNOTATIONS.githubProjectSlug}' or '${DORA_ANNOTATIONS.pagerDutyServiceId}' annotation, or push deployments to POST /api/dora/events from your CI.`}
        />
      ) : (
        <Typography variant="body2">
          Sources:{' '}
          {sources.map(s => `${s.label} (${annotations[s.key]})`).join(', ')}.
          DORA backend {value?.status === 'ok' ? 'reachable' : 'unavailable'}.
        </Typography>
      )}
    </InfoCard>
  );
}
