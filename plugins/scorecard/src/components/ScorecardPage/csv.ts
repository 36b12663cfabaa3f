import { ScorecardOverviewItem } from '@paved-road/plugin-scorecard-common';

function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // Quote always; neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * Rows as CSV with a header row: every cell quoted (so commas and
 * newlines stay inside it), quotes doubled, CRLF line ends.
 *
 * @internal
 */
export function rowsToCsv(
  header: string[],
  rows: Array<Array<string | number | null>>,
): string {
  return [header, ...rows]
    .map(r => r.map(cell).join(','))
    .join('\r\n')
    .concat('\r\n');
}

/**
 * The overview as CSV, one row per entity, with a header row.
 *
 * @internal
 */
export function overviewToCsv(items: ScorecardOverviewItem[]): string {
  const header = [
    'entityRef',
    'kind',
    'namespace',
    'name',
    'owner',
    'score',
    'level',
    'failingChecks',
    'exemptChecks',
    'evaluatedAt',
  ];
  const rows = items.map(i => [
    i.entityRef,
    i.kind,
    i.namespace,
    i.name,
    i.owner,
    i.score,
    i.level?.id ?? '',
    i.failingChecks.join(' '),
    (i.exemptChecks ?? []).join(' '),
    i.evaluatedAt,
  ]);
  return rowsToCsv(header, rows);
}

/** Offers `csv` as a file download. @internal */
export function downloadCsv(csv: string, filename: string) {
  const url = URL.createObjectURL(
    new Blob([csv], { type: 'text/csv;charset=utf-8' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
