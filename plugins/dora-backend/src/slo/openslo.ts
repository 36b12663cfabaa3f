import { Document, LineCounter, isCollection, parseAllDocuments } from 'yaml';
import { parseCalendarUnit, parseDuration } from './duration';
import { readAlertPolicies } from './opensloAlerts';
import { readIndicator } from './opensloIndicator';
import { maxWindowMs, SLO_BOUNDS, timesliceCount } from './sloBounds';
import { SloDefinition, SloParseError, SloWindow } from './types';

type Path = Array<string | number>;

/** Reads fields of one YAML document and raises errors naming field and line. */
export class DocReader {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly prefix: string,
  ) {}

  get(path: Path): unknown {
    const value = this.doc.getIn(path, false);
    return isCollection(value) ? value.toJSON() : value;
  }

  fail(path: Path, message: string): never {
    let line: number | undefined;
    for (let i = path.length; i >= 0 && line === undefined; i--) {
      const node = this.doc.getIn(path.slice(0, i), true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node?.range) {
        line = this.lines.linePos(node.range[0]).line;
      }
    }
    let field = this.prefix;
    for (const p of path) {
      if (typeof p === 'number') field += `[${p}]`;
      else field += field ? `.${p}` : p;
    }
    throw new SloParseError({ field, message, line });
  }

  string(path: Path, optional = false): string | undefined {
    const value = this.get(path);
    if (value === undefined || value === null) {
      return optional ? undefined : this.fail(path, 'is required');
    }
    return typeof value === 'string' && value.trim()
      ? value
      : this.fail(path, 'expected a non-empty string');
  }

  ratio(path: Path): number {
    const value = this.get(path);
    if (typeof value !== 'number' || !(value > 0 && value < 1)) {
      return this.fail(path, 'expected a number between 0 and 1 (exclusive)');
    }
    return value;
  }

  duration(path: Path): number {
    const raw = this.string(path)!;
    return (
      parseDuration(raw) ??
      this.fail(path, `expected a duration like 5m, 1h or 28d, got '${raw}'`)
    );
  }
}

function readWindow(r: DocReader): SloWindow {
  const windows = r.get(['spec', 'timeWindow']);
  if (!Array.isArray(windows) || windows.length !== 1) {
    r.fail(['spec', 'timeWindow'], 'expected a list with one time window');
  }
  const path = ['spec', 'timeWindow', 0];
  const label = r.string([...path, 'duration'])!;
  const rolling = r.get([...path, 'isRolling']);
  if (rolling === false) {
    const unit = parseCalendarUnit(label);
    return unit
      ? { kind: 'calendar', unit, label }
      : r.fail(
          [...path, 'duration'],
          `expected 1d, 1w, 1M, 1Q or 1Y for a calendar window, got '${label}'`,
        );
  }
  const durationMs = r.duration([...path, 'duration']);
  if (durationMs > SLO_BOUNDS.maxWindowMs) {
    r.fail(
      [...path, 'duration'],
      `expected at most ${SLO_BOUNDS.maxWindowLabel}, got '${label}'`,
    );
  }
  return { kind: 'rolling', durationMs, label };
}

function readTimeslice(
  r: DocReader,
  window: SloWindow,
): SloDefinition['timeslice'] {
  const objective = ['spec', 'objectives', 0];
  const target = r.ratio([...objective, 'timeSliceTarget']);
  const path = [...objective, 'timeSliceWindow'];
  const windowMs = r.duration(path);
  const raw = r.get(path);
  if (windowMs < SLO_BOUNDS.minTimesliceMs) {
    r.fail(path, `expected at least 1m, got '${raw}'`);
  }
  const slices = timesliceCount(maxWindowMs(window), windowMs);
  if (slices > SLO_BOUNDS.maxTimeslices) {
    r.fail(
      path,
      `expected at most ${SLO_BOUNDS.maxTimeslices.toLocaleString(
        'en-US',
      )} timeslices per window, got ${slices.toLocaleString('en-US')} ` +
        `('${raw}' over '${window.label}'): use a longer timeslice or a shorter window`,
    );
  }
  return { target, windowMs };
}

function readSlo(
  r: DocReader,
  byKind: Map<string, Map<string, DocReader>>,
): SloDefinition {
  const name = r.string(['metadata', 'name'])!;
  const method = r.string(['spec', 'budgetingMethod'])!;
  if (method !== 'Occurrences' && method !== 'Timeslices') {
    r.fail(
      ['spec', 'budgetingMethod'],
      `expected Occurrences or Timeslices, got '${method}'`,
    );
  }
  const target = r.ratio(['spec', 'objectives', 0, 'target']);
  const indicator = readIndicator(r, byKind.get('SLI') ?? new Map());
  const window = readWindow(r);
  const timeslice =
    method === 'Timeslices' ? readTimeslice(r, window) : undefined;
  const definition: SloDefinition = {
    name,
    displayName: r.string(['metadata', 'displayName'], true) ?? name,
    description: r.string(['spec', 'description'], true),
    target,
    window,
    budgetingMethod: method,
    indicator,
    alerts: readAlertPolicies(r, byKind, timeslice?.windowMs),
  };
  if (timeslice) {
    definition.timeslice = timeslice;
  }
  return definition;
}

/**
 * Parses an OpenSLO v1 file (one or more YAML documents) into the SLOs it
 * defines. SLIs, AlertPolicies and AlertConditions may be inline or defined
 * in the same file and referenced by name. Throws {@link SloParseError}
 * naming the field and line of the first problem.
 */
export function parseOpenSlo(
  text: string,
  fileName = 'slo.yaml',
): SloDefinition[] {
  if (text.length > SLO_BOUNDS.maxFileChars) {
    throw new SloParseError({
      field: fileName,
      message: `expected at most ${SLO_BOUNDS.maxFileChars.toLocaleString(
        'en-US',
      )} characters, got ${text.length.toLocaleString('en-US')}`,
    });
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines });
  if (!Array.isArray(docs)) {
    throw new SloParseError({ field: fileName, message: 'is empty' });
  }
  const readers: DocReader[] = [];
  const byKind = new Map<string, Map<string, DocReader>>();
  docs.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      throw new SloParseError({
        field: fileName,
        line: err.linePos?.[0]?.line,
        message: `invalid YAML: ${err.message.split('\n')[0]}`,
      });
    }
    const r = new DocReader(doc, lines, docs.length > 1 ? `[${i}]` : '');
    if (r.get(['apiVersion']) !== 'openslo/v1') {
      r.fail(['apiVersion'], "expected 'openslo/v1'");
    }
    const kind = r.string(['kind'])!;
    const name = r.string(['metadata', 'name'])!;
    if (!byKind.has(kind)) byKind.set(kind, new Map());
    byKind.get(kind)!.set(name, r);
    readers.push(r);
  });
  const sloReaders = readers.filter(r => r.get(['kind']) === 'SLO');
  if (sloReaders.length > SLO_BOUNDS.maxSlosPerFile) {
    sloReaders[SLO_BOUNDS.maxSlosPerFile].fail(
      ['kind'],
      `expected at most ${SLO_BOUNDS.maxSlosPerFile} SLOs per file, got ${sloReaders.length}`,
    );
  }
  const slos = sloReaders.map(r => readSlo(r, byKind));
  if (slos.length === 0) {
    throw new SloParseError({
      field: fileName,
      message: 'defines no SLO (kind: SLO)',
    });
  }
  return slos;
}
