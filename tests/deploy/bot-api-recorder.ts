import { createServer, type Server } from 'node:http';

export interface InlineButton {
  text: string;
  callback_data: string;
}

/** One Bot API call as it arrived: the method and its JSON parameters. */
export interface Call {
  method: string;
  body: Record<string, unknown>;
}

/**
 * Telegram's Bot API for processes under test, on 127.0.0.1: every method succeeds, every call
 * is recorded, and the last inline keyboard of each chat is kept so simulated people press the
 * buttons the bot really drew (which process drew them does not matter).
 */
export async function startBotApiRecorder() {
  let nextMessageId = 1;
  const calls: Call[] = [];
  const keyboards = new Map<number, { messageId: number; text: string; inline: InlineButton[][] }>();
  const answer = ({ method, body }: Call): unknown => {
    const chatId = Number(body.chat_id);
    if (method === 'getMe')
      return {
        id: 42,
        is_bot: true,
        first_name: 'Журнал',
        username: 'journal_test_bot',
        can_join_groups: false,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
      };
    const raw = body.reply_markup as { inline_keyboard?: InlineButton[][] } | string | undefined;
    const markup = typeof raw === 'string' ? (JSON.parse(raw) as { inline_keyboard?: InlineButton[][] }) : raw;
    if (method === 'editMessageReplyMarkup') {
      const shown = keyboards.get(chatId);
      if (shown && markup?.inline_keyboard && shown.messageId === Number(body.message_id)) shown.inline = markup.inline_keyboard;
      return true;
    }
    if (method !== 'sendMessage' && method !== 'editMessageText') return true;
    const messageId = method === 'sendMessage' ? nextMessageId++ : Number(body.message_id);
    if (markup?.inline_keyboard) keyboards.set(chatId, { messageId, text: String(body.text ?? ''), inline: markup.inline_keyboard });
    return { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text: body.text };
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const call = { method: (req.url ?? '').split('/').pop() ?? '', body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
      calls.push(call);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, result: answer(call) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    apiRoot: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    calls,
    /** Messages sent to one chat (not edits). */
    sentTo: (chatId: number) => calls.filter((c) => c.method === 'sendMessage' && Number(c.body.chat_id) === chatId),
    keyboardOf(chatId: number) {
      const k = keyboards.get(chatId);
      if (!k) throw new Error(`no keyboard in chat ${chatId}`);
      return k;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
