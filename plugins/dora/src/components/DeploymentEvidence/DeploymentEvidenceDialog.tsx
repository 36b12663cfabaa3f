import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { DoraDeploymentEvidence } from '@paved-road/plugin-dora-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { DoraMetricsQuery, doraApiRef } from '../../api';
import { DeploymentEvidenceItem } from './DeploymentEvidenceItem';
import { UnlinkedIncidents } from './UnlinkedIncidents';

/** Props of {@link DeploymentEvidenceDialog}. */
export interface DeploymentEvidenceDialogProps {
  /** Scope and window of the deployments; the dialog is closed when unset. */
  query?: DoraMetricsQuery;
  title: string;
  onClose(): void;
}

const PAGE_SIZE = 50;

/** The evidence behind a figure: deployments, changes, linked incidents. */
export function DeploymentEvidenceDialog(props: DeploymentEvidenceDialogProps) {
  const { query, title, onClose } = props;
  const doraApi = useApi(doraApiRef);
  const [items, setItems] = useState<DoraDeploymentEvidence[]>([]);
  const [state, load] = useAsyncFn(
    async (cursor?: string) => {
      if (!query) return null;
      const page = await doraApi.getDeployments({
        ...query,
        cursor,
        limit: PAGE_SIZE,
      });
      setItems(previous =>
        cursor ? [...previous, ...page.items] : page.items,
      );
      return page.nextCursor;
    },
    [doraApi, query],
  );

  useEffect(() => {
    setItems([]);
    if (query) load(undefined);
  }, [query, load]);

  const nextCursor = state.value ?? null;
  return (
    <Dialog open={!!query} onClose={onClose} fullWidth maxWidth="md">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent dividers>
        {query && (
          <Typography variant="body2" color="textSecondary" paragraph>
            Deployments finished from{' '}
            {query.from?.toLocaleDateString() ?? '30 days ago'} to{' '}
            {query.to?.toLocaleDateString() ?? 'now'}, newest first, with their
            changes and the incidents linked to them.
          </Typography>
        )}
        {state.error && <ResponseErrorPanel error={state.error} />}
        {!state.loading && !state.error && items.length === 0 && (
          <Typography>No deployment in this window.</Typography>
        )}
        <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map(d => (
            <DeploymentEvidenceItem
              key={`${d.source}/${d.id}`}
              deployment={d}
            />
          ))}
        </Box>
        {state.loading && <Progress />}
        {query && <UnlinkedIncidents query={query} />}
      </DialogContent>
      <DialogActions>
        {nextCursor && !state.loading && (
          <Button onClick={() => load(nextCursor)}>Load more</Button>
        )}
        <Button onClick={onClose} color="primary">
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
