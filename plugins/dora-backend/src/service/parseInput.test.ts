import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { parseInput } from './parseInput';

const schema = z.object({
  name: z.string({ error: 'expected a name' }),
  changes: z
    .array(z.object({ sha: z.string().min(1, { error: 'expected a sha' }) }))
    .optional(),
  count: z.number().optional(),
});

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('parseInput', () => {
  it('returns the parsed value', () => {
    expect(parseInput(schema, { name: 'a', extra: 1 })).toEqual({ name: 'a' });
  });

  it("names the field and says what is expected: Invalid '<field>': <problem>", () => {
    expect(messageOf(() => parseInput(schema, {}))).toBe(
      "Invalid 'name': expected a name",
    );
    expect(
      messageOf(() =>
        parseInput(schema, { name: 'a', changes: [{ sha: '' }] }),
      ),
    ).toBe("Invalid 'changes[0].sha': expected a sha");
  });

  it("drops zod's 'Invalid input:' so the message does not repeat itself", () => {
    expect(messageOf(() => parseInput(schema, { name: 'a', count: 'x' }))).toBe(
      "Invalid 'count': expected number, received string",
    );
  });

  it('names the body when the value itself is wrong', () => {
    expect(messageOf(() => parseInput(schema, 'text'))).toBe(
      "Invalid 'body': expected object, received string",
    );
  });

  it('prefixes paths with `at` and lets the caller shape the message', () => {
    const options = {
      at: 'events[3]',
      message: (field: string, problem: string) => `${field}: ${problem}`,
    };
    expect(messageOf(() => parseInput(schema, {}, options))).toBe(
      'events[3].name: expected a name',
    );
    expect(messageOf(() => parseInput(schema, null, options))).toBe(
      'events[3]: expected object, received null',
    );
  });
});
