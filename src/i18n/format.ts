/**
 * The one HTML escape: everything that is not our own catalogue text goes through it before
 * HTML parse mode or an e-mail body. `"` too: harmless in text, and safe if a value ever
 * lands in an attribute.
 */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The plain text of our HTML (tags dropped, escapes undone): e-mail text parts, subjects, buttons. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

// The one plural rule is CLDR's, as Intl carries it; the catalogue gives the forms.
const russian = new Intl.PluralRules('ru');
const english = new Intl.PluralRules('en');

/**
 * Russian: 1 урок, 2 урока, 5 уроков; 11–14 take the third (11 уроков), 21 урок, 22 урока.
 * A fraction ("other") takes the second form: 1,5 урока.
 */
export function pluralRu(n: number, forms: readonly [one: string, few: string, many: string]): string {
  const category = russian.select(n);
  if (category === 'one') return forms[0];
  if (category === 'few' || category === 'other') return forms[1];
  return forms[2];
}

export function pluralEn(n: number, forms: readonly [one: string, other: string]): string {
  return english.select(n) === 'one' ? forms[0] : forms[1];
}
