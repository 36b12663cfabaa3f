import { usePermission } from '@backstage/plugin-permission-react';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseErrorPanel } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { scorecardOutcomesCommentsReadPermission } from '@paved-road/plugin-scorecard-common';
import { ScorecardOutcomes } from '@paved-road/plugin-scorecard-common';
import useAsync from 'react-use/esm/useAsync';
import { scorecardApiRef } from '../../api';
import { SectionCard } from './SectionCard';
import { SimpleTable } from './SimpleTable';

const nps = (v: number | null) => (v === null ? '—' : String(Math.round(v)));

/**
 * Props of {@link SatisfactionSection}.
 *
 * @internal
 */
export interface SatisfactionSectionProps {
  outcomes: ScorecardOutcomes;
  onGiveFeedback(): void;
}

function PulseComments(props: { version: string }) {
  const api = useApi(scorecardApiRef);
  const comments = useAsync(() => api.getPulseComments(), [api, props.version]);
  if (comments.error) return <ResponseErrorPanel error={comments.error} />;
  if (!comments.value) return null;
  if (comments.value.items.length === 0) {
    return <Typography>No comments yet.</Typography>;
  }
  return (
    <SimpleTable
      label="Pulse comments"
      header={['Template', 'Quarter', 'Score', 'Comment', 'By']}
      rows={comments.value.items.map(c => [
        c.templateRef,
        c.quarter,
        c.score,
        c.comment,
        c.userRef,
      ])}
    />
  );
}

/** NPS per template and per quarter, a feedback button, and (for the platform team) the comments. @internal */
export function SatisfactionSection(props: SatisfactionSectionProps) {
  const { pulse, generatedAt } = props.outcomes;
  const { allowed: mayReadComments } = usePermission({
    permission: scorecardOutcomesCommentsReadPermission,
  });
  return (
    <SectionCard
      title="Developer satisfaction"
      subheader="Would you recommend this golden path? NPS from 0-10 answers, one per person, template and quarter"
      filename="outcomes-satisfaction.csv"
      header={[
        'group',
        'name',
        'answers',
        'promoters',
        'passives',
        'detractors',
        'nps',
      ]}
      rows={[
        ...pulse.byTemplate.map(t => [
          'template',
          t.templateRef,
          t.answers,
          t.promoters,
          t.passives,
          t.detractors,
          t.nps,
        ]),
        ...pulse.history.map(q => [
          'quarter',
          q.quarter,
          q.answers,
          q.promoters,
          q.passives,
          q.detractors,
          q.nps,
        ]),
      ]}
    >
      <Button variant="outlined" color="primary" onClick={props.onGiveFeedback}>
        Give feedback
      </Button>
      {pulse.byTemplate.length === 0 ? (
        <Typography>No answers yet.</Typography>
      ) : (
        <>
          <SimpleTable
            label="NPS per template"
            header={[
              'Template',
              'NPS',
              'Answers',
              'Promoters',
              'Passives',
              'Detractors',
            ]}
            rows={pulse.byTemplate.map(t => [
              t.templateRef,
              nps(t.nps),
              t.answers,
              t.promoters,
              t.passives,
              t.detractors,
            ])}
          />
          <SimpleTable
            label="NPS per quarter"
            header={['Quarter', 'NPS', 'Answers']}
            rows={pulse.history.map(q => [q.quarter, nps(q.nps), q.answers])}
          />
        </>
      )}
      {mayReadComments && <PulseComments version={generatedAt} />}
    </SectionCard>
  );
}
