import { describe, expect, it } from 'vitest';
import {
  cb,
  decodeDraft,
  encodeDraft,
  MAX_ROSTER,
  OURS,
  parseDay,
  PATTERNS,
  rosterHash,
  STATUS_CYCLE,
} from '../../src/bot/features/teacher/callback-data.js';
import type { AttendanceStatus } from '../../src/domain/lessons/types.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('teacher callback data', () => {
  it('round-trips drafts of every size up to the maximum roster within 64 bytes', () => {
    for (const size of [1, 2, 25, 35, MAX_ROSTER]) {
      const statuses: AttendanceStatus[] = Array.from({ length: size }, (_, i) => STATUS_CYCLE[(i * 3) % 5]!);
      const draft = encodeDraft(statuses);
      expect(decodeDraft(draft, size)).toEqual(statuses);
      const hash = rosterHash(Array.from({ length: size }, (_, i) => 1_000_000 + i));
      const worst = [cb.attendanceToggle(2_147_483_647, size - 1, draft, hash), cb.attendanceSave(2_147_483_647, draft, hash)];
      for (const data of worst) expect(bytes(data), `${size}: ${data}`).toBeLessThanOrEqual(64);
      expect(PATTERNS.attendanceToggle.test(worst[0]!)).toBe(true);
    }
    const allAbsent35 = encodeDraft(Array.from({ length: 35 }, () => 'late' as const));
    expect(allAbsent35.length).toBeLessThanOrEqual(16);
    expect(encodeDraft(Array.from({ length: 35 }, () => 'present' as const))).toBe('0');
  });

  it('rejects drafts that cannot belong to the roster and parses strictly', () => {
    expect(decodeDraft(encodeDraft(['late', 'late', 'late']), 2)).toBeNull();
    expect(decodeDraft('00', 3)).toBeNull();
    expect(rosterHash([1, 2, 3])).not.toBe(rosterHash([1, 3, 2]));
    for (const bad of [
      'a1:0',
      'a1:01',
      'a1:12:3:AB:abcd',
      'a1:12:3:ab:abc',
      'a1:12:100:ab:abcd',
      'p1:12 ',
      'p1:12;drop',
      'gv1:1:c:0:abcd:н/а',
      'gv1:1:x:0:abcd:5',
      'g1:1:5',
    ]) {
      expect(
        Object.values(PATTERNS).some((p) => p.test(bad)),
        bad,
      ).toBe(false);
      expect(OURS.test(bad), bad).toBe(true);
    }
    expect(OURS.test('lang:en')).toBe(false);
    expect(parseDay('20261014')).toBe('2026-10-14');
    expect(parseDay('20260231')).toBeNull();
  });
});

describe('ids in callback data', () => {
  it('accept exactly 1..2^31-1, the range of the database ids', async () => {
    const { ID } = await import('../../src/bot/features/callback-id.js');
    const id = new RegExp(`^${ID}$`);
    for (const n of [1, 9, 10, 999_999_999, 1_000_000_000, 1_999_999_999, 2_099_999_999, 2_147_483_639, 2_147_483_647])
      expect(id.test(String(n)), String(n)).toBe(true);
    for (const bad of [
      '0',
      '01',
      '2147483648',
      '2147483650',
      '2147484000',
      '2200000000',
      '3000000000',
      '9999999999',
      '99999999999',
      '-1',
      '1e3',
    ])
      expect(id.test(bad), bad).toBe(false);
    for (let n = 2_147_483_600; n <= 2_147_483_700; n++) expect(id.test(String(n)), String(n)).toBe(n <= 2 ** 31 - 1);
  });
});

describe('typed dates', () => {
  it('reads the usual ways of writing a date and takes the nearest year when none is given', async () => {
    const { parseTypedDate } = await import('../../src/bot/features/teacher/typed-date.js');
    const today = '2026-01-05';
    expect(parseTypedDate('28.12', today)).toBe('2025-12-28');
    expect(parseTypedDate(' 6.1 ', today)).toBe('2026-01-06');
    expect(parseTypedDate('12/10', '2026-10-14')).toBe('2026-10-12');
    expect(parseTypedDate('12.10.25', today)).toBe('2025-10-12');
    expect(parseTypedDate('12.10.2026', today)).toBe('2026-10-12');
    expect(parseTypedDate('2026-10-12', today)).toBe('2026-10-12');
    expect(parseTypedDate('29.02', '2028-03-01')).toBe('2028-02-29');
    expect(parseTypedDate('29.02', '2026-03-01')).toBeNull(); // no 29 February within a year of today
    for (const bad of ['31.02', '00.10', '12.13', '2026-02-30', '29.02.2026']) expect(parseTypedDate(bad, today), bad).toBeNull();
    for (const notADate of ['12', 'вчера', '12.10.2026 10:00', '1.2.3.4']) expect(parseTypedDate(notADate, today), notADate).toBeNull();
  });
});
