import { incidentAttributes } from './incidentAttributes';

describe('incidentAttributes', () => {
  it('keeps strings and lists, trimmed, and leaves out empty values', () => {
    expect(
      incidentAttributes({
        priority: ' P1 ',
        urgency: 'low',
        none: undefined,
        blank: '  ',
        nothing: null,
        number: 3,
        tags: ['a', ' b ', '', 'a', 7],
        empty: [],
      }),
    ).toEqual({ priority: 'P1', urgency: 'low', tags: ['a', 'b'] });
    expect(incidentAttributes({ priority: undefined })).toBeUndefined();
  });

  it('stays within the bounds the DORA backend accepts instead of failing', () => {
    const fields: Record<string, unknown> = {
      ['n'.repeat(65)]: 'too long a name',
      long: 'x'.repeat(300),
      list: Array.from({ length: 60 }, (_, i) => `t${i}${'y'.repeat(300)}`),
    };
    for (let i = 0; i < 30; i++) fields[`f${i}`] = 'v';
    const attributes = incidentAttributes(fields)!;
    expect(Object.keys(attributes)).toHaveLength(20);
    expect(attributes['n'.repeat(65)]).toBeUndefined();
    expect(attributes.long).toBe('x'.repeat(256));
    expect(attributes.list).toHaveLength(50);
    expect((attributes.list as string[]).every(v => v.length === 256)).toBe(
      true,
    );
  });
});
