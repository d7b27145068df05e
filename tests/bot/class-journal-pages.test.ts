import { describe, expect, it } from 'vitest';
import { PAGE_LIMIT, paged } from '../../src/bot/features/class-teacher/pages.js';
import { renderSheet } from '../../src/bot/features/class-teacher/render-grades.js';
import { translator } from '../../src/i18n/index.js';

const t = translator('ru');

describe('class journal screens stay under Telegram’s 4096 characters', () => {
  it('splits a long ведомость at line ends into numbered messages, the buttons under the last', () => {
    const rows = Array.from({ length: 45 }, (_, i) => ({
      studentId: i + 1,
      name: `Константинопольская-Задунайская ${i + 1} Александра`,
      marks: Array.from({ length: 30 }, (_, j) => String(2 + ((i + j) % 4))),
      average: 3.5,
    }));
    const screen = renderSheet(t, {
      group: { id: 7, name: '11А' },
      period: { kind: 'quarters', number: 2, from: '2026-11-05', to: '2026-12-28', fallback: false },
      subject: { id: 3, name: 'Математика' },
      rows,
      average: 3.5,
    });
    expect(screen.pages.length).toBeGreaterThan(1);
    for (const page of screen.pages) expect(page.length).toBeLessThanOrEqual(PAGE_LIMIT + 100);
    expect(screen.pages[1]!.split('\n')[0]).toBe(`<i>Продолжение (2/${screen.pages.length})</i>`);
    // Every student's line arrives whole, once, in order.
    const lines = screen.pages.flatMap((p) => p.split('\n')).filter((l) => /^\d+\. /.test(l));
    expect(lines.map((l) => Number(l.split('.')[0]))).toEqual(rows.map((_, i) => i + 1));
    expect(screen.buttons.flat().map((b) => b.data)).toEqual(['cj:g:7', 'cj:m:7']);
  });

  it('keeps a short screen in one message', () => {
    expect(paged(t, ['a', '', 'b'], []).pages).toEqual(['a\n\nb']);
  });
});
