import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createTestApp, manualClock } from '../helpers/app.js';
import { asUser, NOW, reportSchool } from './fixture.js';

/** pdftotext (poppler-utils) must be installed: CI installs it; a missing tool fails here, it does not skip. */
function pdfText(pdf: Buffer, page?: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'sj-pdf-'));
  writeFileSync(join(dir, 'r.pdf'), pdf);
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  try {
    return execFileSync('pdftotext', ['-layout', ...pages, join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdftotext is not installed: apt-get install -y poppler-utils');
    throw err;
  }
}

describe('printable reports', () => {
  let app: App;
  let s: Awaited<ReturnType<typeof reportSchool>>;

  beforeAll(async () => {
    app = await createTestApp({ clock: manualClock(NOW) });
    s = await reportSchool(app);
    // 70 more students in 5А make the summary run over several pages.
    for (let i = 0; i < 70; i++)
      await s.seed.student(s.groups.a.id, { lastName: `Яковлев${String(i).padStart(2, '0')}`, firstName: 'Яков' });
  });
  afterAll(() => app.stop());

  it('renders a Russian document the deputy can get from the bot: title, school, period, names, signatures, header on every page', async () => {
    const file = await app.services.reports.document(
      asUser(s.deputy),
      s.school.id,
      'attendance-summary',
      { from: '2026-09-01', to: '2026-10-31', groupId: s.groups.a.id },
      'pdf',
    );
    expect(file.fileName).toBe('attendance-summary_5А_2026-09-01_2026-10-31.pdf');
    expect(file.contentType).toBe('application/pdf');
    const first = pdfText(file.content, 1);
    expect(first).toContain('СВОДНАЯ ВЕДОМОСТЬ УЧЁТА ПОСЕЩАЕМОСТИ');
    expect(first).toContain('МБОУ «Школа № 7»');
    expect(first).toContain('с 01.09.2026 по 31.10.2026');
    expect(first).toContain('Иванов Иван');
    expect(first).toMatch(/Обучающийся\s+Месяц/);
    const second = pdfText(file.content, 2);
    expect(second).toMatch(/Обучающийся\s+Месяц/);
    expect(second).toContain('Стр. 2 из');
    const all = pdfText(file.content);
    expect(all).toContain('Яковлев69 Яков');
    expect(all).toContain('Классный руководитель');
    expect(all).toContain('Дата «____»');
  });

  it('renders every report kind', async () => {
    for (const kind of [
      'class-attendance',
      'grades-summary',
      'class-results',
      'class-sizes',
      'movement',
      'plan-fulfilment',
      'parent-linking',
    ] as const) {
      const file = await app.services.reports.document(s.api, s.school.id, kind, { from: '2026-09-01', to: '2026-10-31' }, 'pdf');
      const text = pdfText(file.content);
      expect(text, kind).toContain('Все классы');
      expect(text, kind).toContain('5Б');
    }
  });
});
