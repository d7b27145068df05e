/**
 * Talk to the bot through the local Bot API emulator (started by the app when no
 * TELEGRAM_BOT_TOKEN is set) as a given chat, and print what the bot answers.
 *
 *   npx tsx scripts/demo-chat.ts --chat 1001 "/start"
 *   npx tsx scripts/demo-chat.ts --chat 1001 "ACDE-FGHJ-KM"
 *   npx tsx scripts/demo-chat.ts --chat 1001 --press lang:en --message 12
 *
 * Options: --port (EMULATOR_PORT, default 9001), --chat (chat and user id, default 1001),
 * --wait (ms of silence that ends the listening, default 1500).
 */
import { parseArgs } from 'node:util';
import { TelegramClient } from 'telegram-test-api/lib/modules/telegramClient.js';
import { EMULATOR_TOKEN } from '../src/bot-runtime.js';

interface BotMessage {
  messageId: number;
  message: {
    chat_id?: number | string;
    text: string;
    reply_markup?: { keyboard?: ({ text: string } | string)[][]; inline_keyboard?: { text: string; callback_data?: string }[][] };
  };
}

const USAGE = `Talk to the bot through the local Bot API emulator as one chat.

  npx tsx scripts/demo-chat.ts [--chat 1001] "/start"          send a text
  npx tsx scripts/demo-chat.ts [--chat 1001] --press <data> --message <id>   press a button

Options: --port (EMULATOR_PORT, default 9001), --chat (chat and user id, default 1001),
--wait (ms of silence that ends the listening, default 1500), --help.
`;

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        port: { type: 'string', default: process.env.EMULATOR_PORT ?? '9001' },
        chat: { type: 'string', default: '1001' },
        press: { type: 'string' },
        message: { type: 'string' },
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

const chatId = Number(values.chat);
const url = `http://127.0.0.1:${values.port}`;
const client = new TelegramClient(url, EMULATOR_TOKEN, { chatId, userId: chatId, firstName: 'Demo' });

function print(m: BotMessage, edited = false): void {
  const text = m.message.text
    .replace(/<\/?(b|i|code)>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  process.stdout.write(`\n[bot, message ${m.messageId}${edited ? ', edited' : ''}]\n${text}\n`);
  for (const row of m.message.reply_markup?.keyboard ?? [])
    process.stdout.write(`  ${row.map((b) => `[${typeof b === 'string' ? b : b.text}]`).join(' ')}\n`);
  for (const row of m.message.reply_markup?.inline_keyboard ?? []) {
    process.stdout.write(`  ${row.map((b) => `(${b.text} → --press ${b.callback_data} --message ${m.messageId})`).join(' ')}\n`);
  }
}

/** A bot message of this chat as it is now: the emulator keeps edits in place, in its history only. */
async function shown(messageId: number): Promise<BotMessage | undefined> {
  const res = await fetch(`${url}/getUpdatesHistory`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: EMULATOR_TOKEN }),
  });
  const { result } = (await res.json()) as { result: BotMessage[] };
  return result.find((m) => m.messageId === messageId && String(m.message?.chat_id) === String(chatId));
}

async function main(): Promise<void> {
  let pressedOn: BotMessage | undefined;
  if (values.press) {
    if (!values.message) throw new Error('--press needs --message <id of the bot message with the button>');
    // Like Telegram, the press carries the message as it is now, with its inline keyboard.
    pressedOn = await shown(Number(values.message));
    const inline = pressedOn?.message.reply_markup?.inline_keyboard;
    await client.sendCallback(
      client.makeCallbackQuery(values.press, {
        message: {
          message_id: Number(values.message),
          chat: { id: chatId, type: 'private', first_name: 'Demo' },
          date: Math.floor(Date.now() / 1000),
          ...(pressedOn ? { text: pressedOn.message.text } : {}),
          ...(inline ? { reply_markup: { inline_keyboard: inline } } : {}),
        },
      }),
    );
  } else {
    const text = positionals.join(' ').trim();
    if (!text) throw new Error('say something: npx tsx scripts/demo-chat.ts --chat 1001 "/start"');
    if (text.startsWith('/')) await client.sendCommand(client.makeCommand(text));
    else await client.sendMessage(client.makeMessage(text));
  }
  // Print answers until the bot has been quiet for --wait milliseconds. (The client's own
  // getUpdates keeps polling in the background after its timeout, so it is not used here.)
  let quietSince = Date.now();
  while (Date.now() - quietSince < Number(values.wait)) {
    const res = await fetch(`${url}/getUpdates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: EMULATOR_TOKEN, chatId }),
    });
    const { result } = (await res.json()) as { result: BotMessage[] };
    if (result.length) quietSince = Date.now();
    for (const m of result) print(m);
    await new Promise((r) => setTimeout(r, 100));
  }
  // A press usually edits the message it was on rather than sending a new one.
  if (pressedOn) {
    const now = await shown(pressedOn.messageId);
    if (now && JSON.stringify(now.message) !== JSON.stringify(pressedOn.message)) print(now, true);
  }
}

main().catch((err) => {
  process.stderr.write(
    `${err instanceof Error ? err.message : String(err)}\nIs the app running without TELEGRAM_BOT_TOKEN (role all or worker)?\n`,
  );
  process.exit(1);
});
