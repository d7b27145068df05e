/**
 * TEST_TELEGRAM_FAST_PATH=false runs the bot's tests on stock grammY (TELEGRAM_FAST_PATH=false,
 * `npm run test:stock-grammy`); unset, on the fast path as in production.
 */
export const FAST_PATH = process.env.TEST_TELEGRAM_FAST_PATH !== 'false';
