/**
 * Talk to the bot through the MAX Bot API stand-in (started by the app beside the Telegram
 * emulator when no MAX_BOT_TOKEN is set) as one MAX user, and print what the bot answers.
 *
 *   npx tsx scripts/demo-max-chat.ts --user 1001 "/start ACDE-FGHJ-KM"   the deep link (bot_started)
 *   npx tsx scripts/demo-max-chat.ts --user 1001 "Привет"                a message
 *   npx tsx scripts/demo-max-chat.ts --user 1001 --press lang:en          a callback button
 *   npx tsx scripts/demo-max-chat.ts --user 1001 --tap "Понятно"          a message button
 *
 * It uses the stand-in's person side (`/_person/...`, src/dev/max-stand-in/README.md).
 */
import { parseArgs } from 'node:util';
import { MAX_STAND_IN_PORT, type StandInButton } from '../src/dev/max-stand-in/index.js';

interface Shown {
  mid: string;
  text: string | null;
  format: string | null;
  buttons: StandInButton[][];
  files: { type: string; filename: string | null; size: number | null }[];
  deleted: boolean;
}

const USAGE = `Talk to the bot through the MAX stand-in as one MAX user.

  npx tsx scripts/demo-max-chat.ts [--user 1001] "/start CODE"   start the bot (a deep link with CODE)
  npx tsx scripts/demo-max-chat.ts [--user 1001] "text"          write a message
  npx tsx scripts/demo-max-chat.ts [--user 1001] --press <payload> [--message <mid>]   press a button
  npx tsx scripts/demo-max-chat.ts [--user 1001] --tap <text> [--message <mid>]        tap a message button
  npx tsx scripts/demo-max-chat.ts [--user 1001] --list          what the bot has sent so far

Options: --port (MAX_STAND_IN_PORT, default ${MAX_STAND_IN_PORT}), --user (MAX user id, default 1001),
--typed ("/start CODE" as a typed message, not the deep link), --message (the bot message a
--press or --tap is on; default: the newest with that button), --wait (ms of silence that
ends the listening, default 1500), --help.
`;

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        port: { type: 'string', default: process.env.MAX_STAND_IN_PORT ?? String(MAX_STAND_IN_PORT) },
        user: { type: 'string', default: '1001' },
        press: { type: 'string' },
        tap: { type: 'string' },
        message: { type: 'string' },
        typed: { type: 'boolean', default: false },
        list: { type: 'boolean', default: false },
        wait: { type: 'string', default: '1500' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
}
const { values, positionals } = parse();
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const user = Number(values.user);
const base = `http://127.0.0.1:${values.port}/_person`;

/** One call to the person's side; a refusal (no such button, bad input) ends the script with its message. */
async function call<T>(path: string, body?: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, ...body }) } : {}),
  });
  const data = (await res.json()) as T & { message?: string };
  if (!res.ok) {
    process.stderr.write(`refused: ${data.message ?? res.status}\n`);
    process.exit(1);
  }
  return data;
}

const shown = async () => (await call<{ messages: Shown[] }>(`/messages?user=${user}`)).messages;

function plain(m: Shown): string {
  const text = m.text ?? '';
  if (m.format !== 'html') return text;
  return text
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function print(m: Shown, how: '' | ', edited' | ', deleted' = ''): void {
  process.stdout.write(`\n[bot, message ${m.mid}${how}]\n`);
  if (how === ', deleted') return;
  process.stdout.write(`${plain(m)}\n`);
  for (const row of m.buttons) {
    const label = (b: StandInButton) =>
      b.type === 'callback'
        ? `(${b.text} → --press ${b.payload})`
        : b.type === 'message'
          ? `[${b.text} → --tap ${JSON.stringify(b.text)}]`
          : b.type === 'link'
            ? `(${b.text} → ${b.url})`
            : `(${b.text}: ${b.type})`;
    process.stdout.write(`  ${row.map(label).join(' ')}\n`);
  }
  for (const f of m.files) process.stdout.write(`  ${f.type}: ${f.filename ?? 'unnamed'}${f.size === null ? '' : `, ${f.size} bytes`}\n`);
}

async function main(): Promise<void> {
  const before = await shown();
  if (values.list) {
    for (const m of before) print(m, m.deleted ? ', deleted' : '');
    return;
  }
  const seen = new Map(before.map((m) => [m.mid, JSON.stringify(m)]));
  const mid = values.message ? { mid: values.message } : {};
  let callbackId: string | null = null;
  if (values.press) callbackId = (await call<{ callback_id: string }>('/press', { payload: values.press, ...mid })).callback_id;
  else if (values.tap) await call('/tap', { text: values.tap, ...mid });
  else {
    const text = positionals.join(' ').trim();
    if (!text) throw new Error('say something: npx tsx scripts/demo-max-chat.ts --user 1001 "/start"');
    const start = /^\/start(?:\s+(\S+))?$/.exec(text);
    if (start && !values.typed) await call('/start', { payload: start[1] ?? null });
    else await call('/say', { text });
  }
  // Print new, edited and deleted messages until the bot has been quiet for --wait milliseconds.
  let heard = false;
  let quietSince = Date.now();
  while (Date.now() - quietSince < Number(values.wait)) {
    await new Promise((r) => setTimeout(r, 100));
    for (const m of await shown()) {
      const now = JSON.stringify(m);
      const was = seen.get(m.mid);
      if (was === now) continue;
      print(m, was === undefined ? '' : m.deleted ? ', deleted' : ', edited');
      seen.set(m.mid, now);
      heard = true;
      quietSince = Date.now();
    }
    if (callbackId) {
      const answer = await call<{ answered: boolean; notification: string | null }>(`/answer?callback_id=${callbackId}`);
      if (answer.answered) {
        if (answer.notification) process.stdout.write(`\n[bot, notification]\n${answer.notification}\n`);
        callbackId = null;
        heard = true;
        quietSince = Date.now();
      }
    }
  }
  if (!heard) process.stderr.write(`(no answer in ${values.wait} ms)\n`);
}

main().catch((err) => {
  process.stderr.write(
    `${err instanceof Error ? err.message : String(err)}\nIs the app running without MAX_BOT_TOKEN (role all or worker), with the MAX stand-in on port ${values.port}?\n`,
  );
  process.exit(1);
});
