import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { doraApiRef } from '../../api';

/**
 * The DORA team page.
 *
 * @public
 */
export function DoraPage() {
  const doraApi = useApi(doraApiRef);
  const { value, loading, error } = useAsync(
    () => doraApi.getHealth(),
    [doraApi],
  );

  return (
    <Page themeId="tool">
      <Header title="DORA metrics" subtitle="Delivery performance per team" />
      <Content>
        <ContentHeader title="Teams" />
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <InfoCard title="Data sources">
            <Typography variant="body2">
              {value.providers.length > 0
                ? `Providers: ${value.providers.join(', ')}`
                : 'No provider module installed yet: push events to POST /api/dora/events.'}
            </Typography>
          </InfoCard>
        )}
      </Content>
    </Page>
  );
}
