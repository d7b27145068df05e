import { createHash } from 'node:crypto';
import { MAX_LIMITS } from '../index.js';

/** A button as MAX draws it: a press comes back as a callback, opens a link, or says its text as the person. */
export type MaxButton =
  | { type: 'callback'; text: string; payload: string }
  | { type: 'link'; text: string; url: string }
  | { type: 'message'; text: string };
export type MaxKeyboardAttachment = { type: 'inline_keyboard'; payload: { buttons: MaxButton[][] } };

type TelegramButton = { text: string; callback_data?: string; url?: string } | string;
interface TelegramMarkup {
  inline_keyboard?: TelegramButton[][];
  keyboard?: TelegramButton[][];
  remove_keyboard?: boolean;
}

function maxButtonOf(button: TelegramButton, reply: boolean): MaxButton | null {
  if (typeof button === 'string') return { type: 'message', text: button };
  // Telegram's reply keyboard sends the button's text as the person's message: MAX's message button does the same.
  if (reply) return { type: 'message', text: button.text };
  if (button.callback_data !== undefined) return { type: 'callback', text: button.text, payload: button.callback_data };
  if (button.url) return { type: 'link', text: button.text, url: button.url };
  return null;
}

/**
 * A Telegram keyboard as MAX's inline keyboard, within MAX's limits: rows longer than 7 are
 * wrapped; past 30 rows or 210 buttons the rest is left out (a keyboard MAX refuses as a whole
 * would lose every button). MAX has no keyboard under the input field, so a reply keyboard
 * (the main menu) becomes message buttons on the message that carries it.
 */
export function maxKeyboardOf(markup: unknown): MaxButton[][] {
  const m = (markup ?? {}) as TelegramMarkup;
  const reply = !m.inline_keyboard && Array.isArray(m.keyboard);
  const rows = m.inline_keyboard ?? m.keyboard ?? [];
  return fitRows(rows.map((row) => row.map((b) => maxButtonOf(b, reply)).filter((b): b is MaxButton => b !== null)));
}

export function fitRows<B>(rows: B[][]): B[][] {
  const out: B[][] = [];
  let count = 0;
  for (const row of rows) {
    for (let i = 0; i < row.length; i += MAX_LIMITS.buttonsPerRow) {
      const room = Math.min(MAX_LIMITS.buttons - count, MAX_LIMITS.buttonsPerRow);
      if (out.length === MAX_LIMITS.rows || room <= 0) return out;
      const part = row.slice(i, i + room);
      out.push(part);
      count += part.length;
    }
  }
  return out;
}

export function keyboardAttachments(buttons: MaxButton[][]): MaxKeyboardAttachment[] {
  return buttons.length ? [{ type: 'inline_keyboard', payload: { buttons } }] : [];
}

/** What identifies a keyboard for "did the buttons change": empty for none. */
export function keyboardDigest(buttons: MaxButton[][]): string {
  if (!buttons.length) return '';
  // Only what a person sees and what a press sends: MAX may echo buttons with fields of its own.
  const seen = buttons.map((row) => row.map((b) => [b.type, b.text, 'payload' in b ? b.payload : 'url' in b ? b.url : '']));
  return createHash('sha1').update(JSON.stringify(seen)).digest('base64url');
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };

/** HTML as the plain text a person reads. */
export function plainOf(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(lt|gt|quot|#39|amp);/g, (e) => ENTITIES[e] ?? e);
}

/**
 * The text and format MAX gets. MAX's HTML takes the tags our screens use (b, i, u, code, a);
 * a text over MAX's 4,000 characters goes as plain text cut at the limit, since cutting HTML
 * could leave a tag open and MAX would refuse the message.
 */
export function maxTextOf(text: string, html: boolean, plainText?: string): { text: string; format: 'html' | null } {
  if (text.length <= MAX_LIMITS.textLength) return { text, format: html ? 'html' : null };
  const plain = plainText ?? (html ? plainOf(text) : text);
  return { text: plain.length <= MAX_LIMITS.textLength ? plain : `${plain.slice(0, MAX_LIMITS.textLength - 1)}…`, format: null };
}
