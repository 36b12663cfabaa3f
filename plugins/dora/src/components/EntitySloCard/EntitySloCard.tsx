import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DORA_ANNOTATIONS,
  DoraEntitySlos,
  DoraSloHistory,
} from '@paved-road/plugin-dora-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api';
import { DemoDataChip } from '../shared/DemoDataChip';
import { DORA_DOCS_URL } from '../shared/docs';
import { SloItem } from './SloItem';

/**
 * Props of {@link EntitySloCard}.
 *
 * @public
 */
export interface EntitySloCardProps {
  /** Card title; defaults to `Service level objectives`. */
  title?: string;
}

const docsButton = (
  <Button variant="outlined" color="primary" href={DORA_DOCS_URL}>
    Read the SLO guide
  </Button>
);

/** Days of daily history shown as each SLO's trend. */
const TREND_DAYS = 30;

function SloContent(props: { slos: DoraEntitySlos; history?: DoraSloHistory }) {
  const { slos, history } = props;
  if (slos.error) {
    const where = [
      slos.error.line !== undefined ? `line ${slos.error.line}` : undefined,
      slos.error.field !== undefined
        ? `field '${slos.error.field}'`
        : undefined,
    ].filter(Boolean);
    return (
      <Alert severity="error">
        The SLO definitions{' '}
        {slos.definitions.location ? `in ${slos.definitions.location} ` : ''}
        are invalid{where.length > 0 ? ` at ${where.join(', ')}` : ''}:{' '}
        {slos.error.message}
      </Alert>
    );
  }
  if (slos.definitions.type === 'none' || slos.slos.length === 0) {
    return (
      <EmptyState
        missing="field"
        title="No SLO defined for this entity"
        description={`Add the '${DORA_ANNOTATIONS.openSloRef}' annotation pointing to an OpenSLO v1 file (a URL or a path relative to catalog-info.yaml).`}
        action={docsButton}
      />
    );
  }
  return (
    <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {slos.slos.map(slo => (
        <SloItem key={slo.name} slo={slo} history={history} />
      ))}
    </Box>
  );
}

/**
 * SLOs of the current entity: attainment against target, error budget and
 * multi-window burn-rate status.
 *
 * @public
 */
export function EntitySloCard(props: EntitySloCardProps) {
  const { title = 'Service level objectives' } = props;
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const doraApi = useApi(doraApiRef);
  const { value, loading, error } = useAsync(
    () => doraApi.getSlos({ entityRef }),
    [doraApi, entityRef],
  );

  // The trend is an extra: without it (e.g. an older backend) the card
  // still shows the current state.
  const history = useAsync(
    () => doraApi.getSloHistory({ entityRef, days: TREND_DAYS }),
    [doraApi, entityRef],
  );

  let content;
  if (loading) content = <Progress />;
  else if (error) content = <ResponseErrorPanel error={error} />;
  else if (value) content = <SloContent slos={value} history={history.value} />;

  const location = value?.definitions.location;
  const subheader = [
    location ? `Defined in ${location}` : undefined,
    value?.computedAt
      ? `computed ${new Date(value.computedAt).toLocaleString()}`
      : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  return (
    <InfoCard
      title={title}
      subheader={subheader || undefined}
      action={
        value?.slos.length ? (
          <Box mt={1}>
            <DemoDataChip demo={value.demoData} />
          </Box>
        ) : undefined
      }
    >
      {content}
    </InfoCard>
  );
}
