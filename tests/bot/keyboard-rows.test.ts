import { InlineKeyboard } from 'grammy';
import { describe, expect, it } from 'vitest';
import { nextRow } from '../../src/bot/features/buttons.js';

describe('nextRow', () => {
  it('starts a row only when the last one has buttons, so loops that wrap every n buttons leave no empty row', () => {
    const shape = (n: number, perRow: number) => {
      const kb = new InlineKeyboard();
      for (let i = 0; i < n; i++) {
        kb.text(`b${i}`, `d${i}`);
        if (i % perRow === perRow - 1) kb.row();
      }
      return nextRow(kb)
        .text('back', 'back')
        .inline_keyboard.map((row) => row.length);
    };
    expect(shape(4, 2)).toEqual([2, 2, 1]);
    expect(shape(5, 2)).toEqual([2, 2, 1, 1]);
    expect(shape(6, 3)).toEqual([3, 3, 1]);
    expect(shape(0, 3)).toEqual([1]);
  });
});
