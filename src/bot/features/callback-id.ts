/**
 * A database id inside callback data: 1..2^31-1, the range of a PostgreSQL `integer` and of the
 * HTTP API's id parameters. Callback data is untrusted: a larger number would reach PostgreSQL
 * and fail there as an unexpected error, so it must not match and gets the stale-button answer.
 * The alternatives spell out every decimal number up to 2147483647.
 */
export const ID_DIGITS =
  '(?:[1-9]\\d{0,8}|1\\d{9}|20\\d{8}|21[0-3]\\d{7}|214[0-6]\\d{6}|2147[0-3]\\d{5}|21474[0-7]\\d{4}|214748[0-2]\\d{3}|2147483[0-5]\\d{2}|21474836[0-3]\\d|214748364[0-7])';
/** The same as one capturing group. */
export const ID = `(${ID_DIGITS})`;
