import { MAX_ERRORS, fail } from './errors.js';
import type { StandInAttachment, StandInButton } from './types.js';

/** MAX's limits as the stand-in enforces them (the documented ones: README.md). */
export const LIMITS = { textLength: 4000, buttonsPerRow: 7, rows: 30, buttons: 210 };

/**
 * The button types of the SDK's `Button` union, each with the field it cannot go without.
 * Unknown types and missing fields answer 400 (an assumed code, as for the other limits).
 */
const REQUIRED: Record<string, 'payload' | 'url' | null> = {
  callback: 'payload',
  link: 'url',
  message: null,
  clipboard: 'payload',
  request_contact: null,
  request_geo_location: null,
  open_app: null,
};

/** The inline keyboard among a message's attachments, checked against MAX's limits. */
export function keyboardOf(attachments: StandInAttachment[]): StandInButton[][] {
  const kb = attachments.find((a) => a.type === 'inline_keyboard');
  const rows = kb?.payload?.buttons ?? [];
  const count = rows.reduce((n, r) => n + r.length, 0);
  if (rows.length > LIMITS.rows || count > LIMITS.buttons || rows.some((r) => r.length > LIMITS.buttonsPerRow)) {
    throw fail(
      MAX_ERRORS.badRequest,
      `keyboard: at most ${LIMITS.buttonsPerRow} buttons a row, ${LIMITS.rows} rows, ${LIMITS.buttons} buttons`,
    );
  }
  for (const b of rows.flat()) {
    if (!(b.type in REQUIRED)) throw fail(MAX_ERRORS.badRequest, `button: unknown type ${b.type}`);
    const field = REQUIRED[b.type];
    if (typeof b.text !== 'string' || !b.text) throw fail(MAX_ERRORS.badRequest, `button: text is required`);
    if (field && (typeof b[field] !== 'string' || !b[field])) throw fail(MAX_ERRORS.badRequest, `button ${b.type}: ${field} is required`);
  }
  return rows;
}
