/**
 * Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what a name
 * shows, and zero-width characters (U+200B–U+200D, U+2060, U+FEFF) hide inside it, so
 * "Иванов" and a look-alike could sit on two buttons. Neither belongs in a journal.
 */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * Text a person typed or a file carried, as the journal stores it: invisible characters
 * removed, ends trimmed. Every text input (imports, the bot's topic, homework, comments,
 * reasons) goes through here. Not a string: '' (the caller decides what missing means).
 */
export function cleanTypedText(value: unknown): string {
  return typeof value === 'string' ? stripInvisible(value).trim() : '';
}
