import { EmptyState } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import { DORA_DOCS_URL, SOURCE_ANNOTATIONS } from '../shared/docs';

/** Props of {@link DoraCardEmptyState}. */
export interface DoraCardEmptyStateProps {
  days: number;
  /** The source annotations the entity has. */
  sources: typeof SOURCE_ANNOTATIONS;
}

/** Tells the owner how to get data: which annotation, or the push API. */
export function DoraCardEmptyState(props: DoraCardEmptyStateProps) {
  const { days, sources } = props;
  const docs = (
    <Button variant="outlined" color="primary" href={DORA_DOCS_URL}>
      Read the DORA setup guide
    </Button>
  );
  if (sources.length === 0) {
    const keys = SOURCE_ANNOTATIONS.map(a => `'${a.key}'`);
    return (
      <EmptyState
        missing="field"
        title="No delivery data source for this entity"
        description={`Add one of the annotations ${keys.join(
          ', ',
        )} to the entity, or push deployments and incidents from your CI to POST /api/dora/events.`}
        action={docs}
      />
    );
  }
  return (
    <EmptyState
      missing="data"
      title={`No deployment or incident in the last ${days} days`}
      description={`This entity has ${sources
        .map(s => `'${s.key}'`)
        .join(
          ', ',
        )}, but no events arrived. Check that the matching provider module is installed and configured in app-config, or push events to POST /api/dora/events.`}
      action={docs}
    />
  );
}
