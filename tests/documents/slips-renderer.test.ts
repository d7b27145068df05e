import { describe, expect, it } from 'vitest';
import type { AccessSlip } from '../../src/domain/access/class-codes.js';
import { createSlipRenderer } from '../../src/documents/slips-renderer.js';
import { pdfText as rawText, slipQrCodes } from '../helpers/qr-decode.js';

const link = (code: string) => `https://t.me/journal_test_bot?start=${code}`;
const CODES = [
  'ACDEFGHJKM',
  'NPQRTUVWXY',
  'K7QXM4RTCA',
  'Y9376AC4DE',
  'MNPQ3467AC',
  'TUVW9XYACD',
  'HJKM34679A',
  'QRTU3467CD',
  'CDEF9467HJ',
];

// The drawing order (slip by slip), with wrapped lines joined for the checks.
const pdfText = (pdf: Buffer) => rawText(pdf, 'raw').replace(/[ \n]+/g, ' ');

describe('access-code slips as PDF', () => {
  it('puts eight slips on a page and every QR code reads back as its link; a student slip names the class', async () => {
    const slips: AccessSlip[] = CODES.map((code, i) => ({
      kind: i === 8 ? 'student' : 'parent',
      name: `Родитель № ${i + 1}`,
      forWhom: i === 8 ? [] : [`Ребёнок ${i + 1}`, 'Сестра <b>'],
      code,
      link: link(code),
      validUntil: '2026-11-13',
    }));
    const pdf = await createSlipRenderer().slipsPdf({ schoolName: 'Лицей № 1', groupName: '5А', slips });
    const read = slipQrCodes(pdf);
    // Two pages of eight places: nine codes, then seven empty places.
    expect(read).toEqual([...CODES.map(link), ...Array(7).fill(null)]);
    const text = pdfText(pdf);
    expect(text).toContain('Родитель: Ребёнок 1, Сестра <b>');
    expect(text).toContain('Ученик, класс 5А');
    expect(text).toContain('K7QXM 4RTCA');
    expect(text).toContain('действует до 13.11.2026');
    expect(text.split('\f').filter((p) => p.trim())).toHaveLength(2);
    expect(text).toContain('Родитель № 9 Ученик, класс 5А');
  });

  it('prints /start with the code and no QR code while the bot username is unknown', async () => {
    const pdf = await createSlipRenderer().slipsPdf({
      schoolName: 'Лицей № 1',
      groupName: '5А',
      slips: [{ kind: 'parent', name: 'Иванова Анна', forWhom: ['Иванов Иван'], code: CODES[0]!, link: null, validUntil: '2026-11-13' }],
    });
    expect(slipQrCodes(pdf).every((x) => x === null)).toBe(true);
    expect(pdfText(pdf)).toContain(`/start ${CODES[0]}`);
  });
});
