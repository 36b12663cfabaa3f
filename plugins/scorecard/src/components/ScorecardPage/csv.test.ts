import { rowsToCsv } from './csv';

describe('rowsToCsv', () => {
  it('writes a header row and escapes quotes, commas and newlines', () => {
    expect(
      rowsToCsv(
        ['team', 'note', 'share'],
        [
          ['group:default/payments', 'said "fast", then\nslow', 0.5],
          ['=cmd', null, 3],
        ],
      ),
    ).toBe(
      '"team","note","share"\r\n' +
        '"group:default/payments","said ""fast"", then\nslow","0.5"\r\n' +
        `"'=cmd","","3"\r\n`,
    );
  });
});
