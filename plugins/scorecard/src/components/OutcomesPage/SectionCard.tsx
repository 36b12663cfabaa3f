import { InfoCard } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import { ReactNode } from 'react';
import { downloadCsv, rowsToCsv } from '../ScorecardPage/csv';

/**
 * Props of {@link SectionCard}.
 *
 * @internal
 */
export interface SectionCardProps {
  title: string;
  subheader?: string;
  /** File name of the CSV export, e.g. `adoption.csv`. */
  filename: string;
  header: string[];
  rows: Array<Array<string | number | null>>;
  children: ReactNode;
}

/** An Outcomes section: an InfoCard with a CSV export of its rows. @internal */
export function SectionCard(props: SectionCardProps) {
  const { title, subheader, filename, header, rows, children } = props;
  return (
    <InfoCard
      title={title}
      subheader={subheader}
      action={
        <Button
          size="small"
          variant="outlined"
          aria-label={`Export ${title} as CSV`}
          disabled={rows.length === 0}
          onClick={() => downloadCsv(rowsToCsv(header, rows), filename)}
        >
          CSV
        </Button>
      }
    >
      {children}
    </InfoCard>
  );
}
