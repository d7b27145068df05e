import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvLines, readCsv, spreadsheetCsv } from '../../src/domain/csv/index.js';
import { boundedDetails, MAX_DETAILS, ProblemList, ValidationError } from '../../src/domain/shared/errors.js';
import { cleanTypedText } from '../../src/domain/shared/text.js';

const read = (bytes: Buffer | string, maxRows = 100) =>
  readCsv(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, { maxRows, what: 'test' });

describe('the CSV reader of every import', () => {
  it('reads Windows-1251, UTF-8 with and without BOM, and `;` `,` tab alike', () => {
    const want = [
      { line: 1, cells: ['Фамилия', 'Имя'] },
      { line: 2, cells: ['Ёлкин', 'Семён'] },
    ];
    expect(read(iconv.encode('Фамилия;Имя\r\nЁлкин;Семён\r\n', 'win1251'))).toEqual(want);
    expect(read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Фамилия,Имя\nЁлкин,Семён\n')]))).toEqual(want);
    expect(read('Фамилия\tИмя\nЁлкин\tСемён')).toEqual(want);
  });

  it('reads quoted separators, quotes and line breaks, and a quoted header does not mislead the separator', () => {
    const text = '"Тема; раздел";Часы\r\n"Имя существительное; род";2\r\n"Повторение: ""Дроби""\r\nи проценты";1\r\n\r\nПоследняя;3\r\n';
    expect(read(text)).toEqual([
      { line: 1, cells: ['Тема; раздел', 'Часы'] },
      { line: 2, cells: ['Имя существительное; род', '2'] },
      { line: 3, cells: ['Повторение: "Дроби"\nи проценты', '1'] },
      { line: 6, cells: ['Последняя', '3'] },
    ]);
  });

  it('refuses a file longer than the cap as too large; the cap itself is allowed', () => {
    const rows = (n: number) => `a;b\n${'1;2\n'.repeat(n)}`;
    expect(read(rows(10), 10)).toHaveLength(11);
    expect(() => read(rows(500_000), 10)).toThrow(
      expect.objectContaining({ code: 'payload_too_large', message: 'The test file has more than 10 rows' }),
    );
  });
});

describe('the CSV writer of every export', () => {
  const cells = (csv: Buffer) =>
    csv
      .subarray(3)
      .toString('utf8')
      .split('\r\n')
      .slice(0, -1)
      .map((l) => l.split(';'));

  it('writes UTF-8 with a BOM, `;` and CRLF, quoting what needs it', () => {
    const csv = spreadsheetCsv([
      ['Класс', 'Обучающийся'],
      ['5А', 'Иванова; "Маша"'],
      ['5Б', 'две\nстроки'],
      [7, null],
    ]);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.subarray(3).toString('utf8')).toBe('Класс;Обучающийся\r\n5А;"Иванова; ""Маша"""\r\n5Б;"две\nстроки"\r\n7;\r\n');
  });

  it('defuses every cell a spreadsheet would run as a formula, and leaves numbers and other text alone', () => {
    const csv = spreadsheetCsv([
      ["=cmd|' /C calc'!A0", '+7 913', '-2+3', '@SUM(A1)', '\tx', '\rx', 'Иванов', 'a=b'],
      [-1, 0.5, 3, '', 'ok', 'ok', 'ok', 'ok'],
    ]);
    const [first, second] = cells(csv);
    expect(first).toEqual(["'=cmd|' /C calc'!A0", "'+7 913", "'-2+3", "'@SUM(A1)", "'\tx", '"\'\rx"', 'Иванов', 'a=b']);
    expect(second).toEqual(['-1', '0.5', '3', '', 'ok', 'ok', 'ok', 'ok']);
  });

  it('keeps data files exact: comma-separated, no BOM, nothing defused', () => {
    expect(
      csvLines([
        ['id', 'name'],
        [1, '=1+1'],
        [2, 'a,b'],
      ]),
    ).toBe('id,name\r\n1,=1+1\r\n2,"a,b"\r\n');
  });
});

describe('cleaning of typed and imported text', () => {
  it('strips bidirectional overrides and isolates and zero-width characters, and trims', () => {
    const spoofed = ' \u202EИв\u200Bанов\u2066а\u2069\u200C\u200D\u2060\uFEFF\u202A\u202B\u202C\u202D\u2067\u2068 ';
    expect(cleanTypedText(spoofed)).toBe('Иванова');
    expect(cleanTypedText('Дроби\nи проценты')).toBe('Дроби\nи проценты');
    expect(cleanTypedText(undefined)).toBe('');
  });
});

describe('bounded problem lists', () => {
  it('keeps the first hundred problems and counts the rest in one closing entry', () => {
    const list = new ProblemList();
    for (let i = 1; i <= 250; i++) list.add({ path: `line ${i}`, message: 'bad' });
    expect(list.count).toBe(250);
    const error = list.error('The file has invalid rows');
    expect(error.details).toHaveLength(MAX_DETAILS + 1);
    expect(error.details[MAX_DETAILS - 1]!.path).toBe('line 100');
    expect(error.details[MAX_DETAILS]!.message).toBe('…and 150 more problems; only the first 100 are listed');
  });

  it('bounds a validation error built from any long list, and leaves a short one as it is', () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ message: `p${i}` }));
    expect(new ValidationError('x', many).details.at(-1)!.message).toBe('…and 1 more problem; only the first 100 are listed');
    expect(boundedDetails(many.slice(0, 100))).toHaveLength(100);
  });
});
