import { EntityCampaign } from '@paved-road/plugin-scorecard-common';
import Typography from '@material-ui/core/Typography';

/**
 * "Part of: <campaign> (due <date>)" on the entity scorecard card.
 *
 * @internal
 */
export function EntityCampaigns(props: { campaigns?: EntityCampaign[] }) {
  const { campaigns } = props;
  if (!campaigns || campaigns.length === 0) return null;
  return (
    <Typography variant="body2" gutterBottom>
      Part of:{' '}
      {campaigns.map((c, i) => (
        <span key={c.id}>
          {i > 0 && ', '}
          {c.title} (due {c.deadline}
          {c.done ? ', done' : ''})
        </span>
      ))}
    </Typography>
  );
}
