import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ScorecardChecksResponse,
  ScorecardOverviewItem,
} from '@paved-road/plugin-scorecard-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { LevelChip } from '../common/LevelChip';

/**
 * Props of {@link OverviewTable}.
 *
 * @internal
 */
export interface OverviewTableProps {
  items: ScorecardOverviewItem[];
  checks: ScorecardChecksResponse;
}

/** One row per entity: owner, level, score and what fails. @internal */
export function OverviewTable(props: OverviewTableProps) {
  const titles = new Map(props.checks.checks.map(c => [c.id, c.title]));
  return (
    <Table size="small" aria-label="Entities">
      <TableHead>
        <TableRow>
          <TableCell>Entity</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>Level</TableCell>
          <TableCell align="right">Score</TableCell>
          <TableCell>Failing checks</TableCell>
          <TableCell>Exempt checks</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.items.map(item => (
          <TableRow key={item.entityRef}>
            <TableCell>
              <EntityRefLink entityRef={item.entityRef} />
            </TableCell>
            <TableCell>
              {item.owner ? <EntityRefLink entityRef={item.owner} /> : '—'}
            </TableCell>
            <TableCell>
              <LevelChip level={item.level} />
            </TableCell>
            <TableCell align="right">{item.score}</TableCell>
            <TableCell>
              {item.failingChecks.map(id => titles.get(id) ?? id).join(', ') ||
                'None'}
            </TableCell>
            <TableCell>
              {(item.exemptChecks ?? [])
                .map(id => titles.get(id) ?? id)
                .join(', ') || '—'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
