import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import useAsync from 'react-use/esm/useAsync';
import { scorecardApiRef } from '../../api';

/**
 * Props of {@link EntityScorecardCard}.
 *
 * @public
 */
export interface EntityScorecardCardProps {
  title?: string;
}

/**
 * The scorecard of the current entity.
 *
 * @public
 */
export function EntityScorecardCard(props: EntityScorecardCardProps) {
  const { title = 'Scorecard' } = props;
  const { entity } = useEntity();
  const scorecardApi = useApi(scorecardApiRef);
  const { loading, error } = useAsync(() => scorecardApi.getHealth(), [
    scorecardApi,
  ]);

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  const annotations = entity.metadata.annotations ?? {};
  const owner = (entity.spec?.owner as string | undefined) ?? undefined;
  const basics = [
    { label: 'Owner', value: owner ?? 'missing: set spec.owner' },
    {
      label: 'Documentation',
      value: annotations['backstage.io/techdocs-ref']
        ? 'TechDocs configured'
        : "missing: add 'backstage.io/techdocs-ref'",
    },
    {
      label: 'Golden path',
      value:
        annotations['paved-road.dev/golden-path'] ??
        "not scaffolded: no 'paved-road.dev/golden-path' annotation",
    },
  ];

  return (
    <InfoCard
      title={title}
      subheader="Checks are configured by the platform team under 'scorecard.checks'"
    >
      <List dense>
        {basics.map(b => (
          <ListItem key={b.label}>
            <ListItemText primary={b.label} secondary={b.value} />
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}
