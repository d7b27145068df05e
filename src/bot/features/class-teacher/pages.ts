import type { Translate } from '../../../i18n/index.js';
import type { Buttons } from './menu-keyboard.js';

/** Below Telegram's 4096 characters (and MAX's 4000), with room for the continuation line. */
export const PAGE_LIMIT = 3800;

/** A screen: its text in one or more messages, the buttons under the last one. */
export interface Screen {
  pages: string[];
  buttons: Buttons;
}

/**
 * Splits at line ends (every line of these screens is whole HTML), so a class of forty with
 * long lists becomes several messages instead of a refused one; a line longer than a page is cut.
 */
export function paged(t: Translate, lines: string[], buttons: Buttons): Screen {
  const chunks: string[][] = [[]];
  let size = 0;
  for (const raw of lines) {
    const line = raw.length > PAGE_LIMIT ? `${raw.slice(0, PAGE_LIMIT - 1)}…` : raw;
    if (size + line.length + 1 > PAGE_LIMIT && chunks.at(-1)!.length) {
      chunks.push([]);
      size = 0;
    }
    chunks.at(-1)!.push(line);
    size += line.length + 1;
  }
  const of = chunks.length;
  const pages = chunks.map((c, i) => (i === 0 ? c : [t('cj.more', { n: i + 1, of }), ...c]).join('\n').trim());
  return { pages, buttons };
}
