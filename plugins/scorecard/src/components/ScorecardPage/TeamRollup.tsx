import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ScorecardRollup } from '@paved-road/plugin-scorecard-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';

/**
 * Props of {@link TeamRollup}.
 *
 * @internal
 */
export interface TeamRollupProps {
  rollup: ScorecardRollup;
}

const share = (count: number | undefined, total: number) =>
  `${Math.round(((count ?? 0) / total) * 100)}%`;

/** Per owner: entities, average score and share of entities at each level. @internal */
export function TeamRollup(props: TeamRollupProps) {
  const { levels, owners } = props.rollup;
  const columns = [{ id: 'none', title: 'No level' }, ...levels];
  return (
    <Table size="small" aria-label="Team roll-up">
      <TableHead>
        <TableRow>
          <TableCell>Owner</TableCell>
          <TableCell align="right">Entities</TableCell>
          <TableCell align="right">Average score</TableCell>
          {columns.map(l => (
            <TableCell key={l.id} align="right">
              {l.title}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {owners.map(o => (
          <TableRow key={o.owner ?? 'none'}>
            <TableCell>
              {o.owner ? <EntityRefLink entityRef={o.owner} /> : 'No owner'}
            </TableCell>
            <TableCell align="right">{o.total}</TableCell>
            <TableCell align="right">{o.averageScore}</TableCell>
            {columns.map(l => (
              <TableCell key={l.id} align="right">
                {share(o.levels[l.id], o.total)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
