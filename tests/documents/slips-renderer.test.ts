import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccessSlip } from '../../src/domain/access/class-codes.js';
import { createSlipRenderer } from '../../src/documents/slips-renderer.js';
import { pdfText as rawText, slipQrCodes } from '../helpers/qr-decode.js';

const link = (code: string) => `https://t.me/journal_test_bot?start=${code}`;
const maxLink = (code: string) => `https://max.ru/journal_max_bot?start=${code}`;
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

/** The text of the first page within a horizontal band, in points from the top (pdftotext's crop at 72 dpi). */
function textIn(pdf: Buffer, band: { top: number; height: number }): string {
  const dir = mkdtempSync(join(tmpdir(), 'sj-band-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const crop = ['-r', '72', '-x', '0', '-y', String(Math.round(band.top)), '-W', '595', '-H', String(Math.floor(band.height))];
    return execFileSync('pdftotext', ['-f', '1', '-l', '1', ...crop, join(dir, 'in.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The drawing order (slip by slip), with wrapped lines joined for the checks.
const pdfText = (pdf: Buffer) => rawText(pdf, 'raw').replace(/[ \n]+/g, ' ');

describe('access-code slips as PDF', () => {
  it('puts eight slips on a page and every QR code reads back as its link (the t.me one when MAX is known too); a student slip names the class', async () => {
    const slips: AccessSlip[] = CODES.map((code, i) => ({
      kind: i === 8 ? 'student' : 'parent',
      name: `Родитель № ${i + 1}`,
      forWhom: i === 8 ? [] : [`Ребёнок ${i + 1}`, 'Сестра <b>'],
      code,
      link: link(code),
      // Every other slip also carries MAX's deep link: printed as text, the QR code stays Telegram's.
      maxLink: i % 2 === 0 ? maxLink(code) : null,
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
    CODES.forEach((code, i) => {
      if (i % 2 === 0) expect(text).toContain(`Или в MAX: ${maxLink(code)}`);
      else expect(text).not.toContain(`start=${code} Или в MAX`);
    });
    expect(text.match(/Или в MAX/g)).toHaveLength(5);
    // Each MAX line sits inside its slip: before the next slip's school line.
    for (const [i, code] of CODES.entries()) {
      if (i % 2 || i === 8) continue;
      expect(text.indexOf(maxLink(code))).toBeLessThan(text.indexOf(`Родитель № ${i + 2}`));
    }
  });

  it('prints /start with the code and no QR code while the bot username is unknown', async () => {
    const pdf = await createSlipRenderer().slipsPdf({
      schoolName: 'Лицей № 1',
      groupName: '5А',
      slips: [
        {
          kind: 'parent',
          name: 'Иванова Анна',
          forWhom: ['Иванов Иван'],
          code: CODES[0]!,
          link: null,
          maxLink: null,
          validUntil: '2026-11-13',
        },
      ],
    });
    expect(slipQrCodes(pdf).every((x) => x === null)).toBe(true);
    expect(pdfText(pdf)).toContain(`/start ${CODES[0]}`);
    expect(pdfText(pdf)).not.toContain('MAX');
  });

  it('keeps the MAX line inside the slip: under the QR code, above the cut line', async () => {
    const slip: AccessSlip = {
      kind: 'parent',
      name: 'Иванова Анна',
      forWhom: ['Иванов Иван'],
      code: CODES[0]!,
      link: link(CODES[0]!),
      maxLink: `https://max.ru/${'a'.repeat(40)}_bot?start=${CODES[0]}`,
      validUntil: '2026-11-13',
    };
    const pdf = await createSlipRenderer().slipsPdf({ schoolName: 'Лицей № 1', groupName: '5А', slips: [slip] });
    expect(slipQrCodes(pdf)[0]).toBe(link(CODES[0]!));
    // The page's band between the QR code's bottom and the first slip's cut line (points: A4, margin 28, four rows).
    const qrBottom = 28 + 10 + 8 + 118;
    const cutLine = 28 + (842 - 2 * 28) / 4;
    const band = textIn(pdf, { top: qrBottom, height: cutLine - qrBottom });
    expect(band).toContain('Или в MAX');
    expect(band.replace(/\s+/g, '')).toContain(`start=${CODES[0]}`);
    expect(textIn(pdf, { top: 0, height: qrBottom })).not.toContain('MAX');
  });
});
