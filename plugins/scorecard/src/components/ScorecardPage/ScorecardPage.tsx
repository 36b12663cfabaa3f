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
import { scorecardApiRef } from '../../api';

/**
 * The scorecard overview page.
 *
 * @public
 */
export function ScorecardPage() {
  const scorecardApi = useApi(scorecardApiRef);
  const { value, loading, error } = useAsync(() => scorecardApi.getHealth(), [
    scorecardApi,
  ]);

  return (
    <Page themeId="tool">
      <Header title="Scorecards" subtitle="Where every service stands" />
      <Content>
        <ContentHeader title="Overview" />
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <InfoCard title="Data sources">
            <Typography variant="body2">
              {value.providers.length > 0
                ? `Fact providers: ${value.providers.join(', ')}`
                : 'Built-in fact providers only: add modules through scorecard.factProviders.'}
            </Typography>
          </InfoCard>
        )}
      </Content>
    </Page>
  );
}
