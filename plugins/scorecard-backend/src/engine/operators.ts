import { CheckDefinition } from '../config/types';

/** Outcome of comparing an observed fact with a check's value. @internal */
export interface OperatorOutcome {
  passed: boolean;
  message: string;
}

const DAY_MS = 86_400_000;

/** A short, readable rendering of a value for messages. @internal */
export function show(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  let text: string;
  if (typeof value === 'string') text = `'${value}'`;
  else if (typeof value === 'number' || typeof value === 'boolean') {
    text = String(value);
  } else text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  return !(Array.isArray(value) && value.length === 0);
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** Equality that lets `3` equal `'3'` and `true` equal `'true'` (annotations are strings). */
export function looseEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined)
    return false;
  if (typeof a === 'object' || typeof b === 'object') {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return String(a) === String(b);
}

function toTime(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

const anyOf = (observed: unknown, test: (v: unknown) => boolean) =>
  Array.isArray(observed) ? observed.some(test) : test(observed);

const COMPARE: Record<string, [string, (a: number, b: number) => boolean]> = {
  gt: ['greater than', (a, b) => a > b],
  gte: ['at least', (a, b) => a >= b],
  lt: ['less than', (a, b) => a < b],
  lte: ['at most', (a, b) => a <= b],
};

/** Expectation texts are the same for every entity: built once per check. */
const expectations = new WeakMap<object, string>();

function expectation(check: object, build: () => string): string {
  let text = expectations.get(check);
  if (text === undefined) {
    text = build();
    expectations.set(check, text);
  }
  return text;
}

function verdict(passed: boolean, observed: unknown, expected: string) {
  return {
    passed,
    message: passed
      ? `${show(observed)} is ${expected}`
      : `${show(observed)} is not ${expected}`,
  };
}

/**
 * Applies a check's operator to an observed fact value.
 *
 * @internal
 */
export function applyOperator(
  check: Pick<CheckDefinition, 'operator' | 'value' | 'pattern' | 'fact'>,
  observed: unknown,
  now: number,
): OperatorOutcome {
  const { operator, value } = check;
  switch (operator) {
    case 'exists': {
      const wanted = value !== false;
      const present = isPresent(observed);
      if (present === wanted) {
        return {
          passed: true,
          message: present
            ? `Found ${show(observed)}`
            : `No value for '${check.fact}', as expected`,
        };
      }
      return {
        passed: false,
        message: present
          ? `Expected no value for '${check.fact}', found ${show(observed)}`
          : `No value for '${check.fact}'`,
      };
    }
    case 'eq':
      return verdict(
        anyOf(observed, v => looseEquals(v, value)),
        observed,
        expectation(check, () => `equal to ${show(value)}`),
      );
    case 'neq':
      return verdict(
        isPresent(observed) && !anyOf(observed, v => looseEquals(v, value)),
        observed,
        expectation(check, () => `present and different from ${show(value)}`),
      );
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const [text, compare] = COMPARE[operator];
      const n = toNumber(observed);
      if (n === undefined) {
        return {
          passed: false,
          message: `Expected a number ${text} ${value}, found ${show(
            observed,
          )}`,
        };
      }
      return verdict(
        compare(n, value as number),
        observed,
        expectation(check, () => `${text} ${value}`),
      );
    }
    case 'in': {
      const options = value as unknown[];
      return verdict(
        anyOf(observed, v => options.some(o => looseEquals(o, v))),
        observed,
        expectation(check, () => `one of ${options.map(show).join(', ')}`),
      );
    }
    case 'matches': {
      const pattern = check.pattern ?? new RegExp(String(value));
      return verdict(
        anyOf(observed, v => typeof v === 'string' && pattern.test(v)),
        observed,
        expectation(check, () => `matching /${pattern.source}/`),
      );
    }
    case 'withinDays': {
      const t = toTime(observed);
      if (t === undefined) {
        return {
          passed: false,
          message: `Expected a date within ${value} days, found ${show(
            observed,
          )}`,
        };
      }
      const days = Math.floor((now - t) / DAY_MS);
      const passed = now - t <= (value as number) * DAY_MS;
      return {
        passed,
        message: `${
          typeof observed === 'string' ? observed : new Date(t).toISOString()
        } is ${days} days ago (limit ${value})`,
      };
    }
    default:
      return { passed: false, message: `Unknown operator '${operator}'` };
  }
}
