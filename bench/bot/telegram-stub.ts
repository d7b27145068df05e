import { createServer, type Server } from 'node:http';

export interface InlineButton {
  text: string;
  callback_data: string;
}

/**
 * A tiny Bot API stand-in on 127.0.0.1: answers every method with success and remembers the
 * last inline keyboard and message id sent to each chat, so simulated teachers can press the
 * buttons the bot really drew.
 */
export async function startTelegramStub() {
  let nextMessageId = 1;
  const lastKeyboard = new Map<number, { messageId: number; inline: InlineButton[][]; text: string }>();
  const answer = (method: string, body: Record<string, unknown>): unknown => {
    const chatId = Number(body.chat_id);
    if (method === 'getMe')
      return {
        id: 1,
        is_bot: true,
        first_name: 'Bench',
        username: 'bench_bot',
        can_join_groups: false,
        can_read_all_group_messages: false,
        supports_inline_queries: false,
      };
    if (method === 'editMessageReplyMarkup') {
      const shown = lastKeyboard.get(chatId);
      const markup = body.reply_markup as { inline_keyboard?: InlineButton[][] } | undefined;
      if (shown && markup?.inline_keyboard && shown.messageId === Number(body.message_id)) shown.inline = markup.inline_keyboard;
      return true;
    }
    if (method === 'sendMessage' || method === 'editMessageText') {
      const messageId = method === 'sendMessage' ? nextMessageId++ : Number(body.message_id);
      const raw = body.reply_markup as { inline_keyboard?: InlineButton[][] } | string | undefined;
      const markup = typeof raw === 'string' ? (JSON.parse(raw) as { inline_keyboard?: InlineButton[][] }) : raw;
      if (markup?.inline_keyboard) lastKeyboard.set(chatId, { messageId, inline: markup.inline_keyboard, text: String(body.text ?? '') });
      return { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text: body.text };
    }
    return true;
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').split('/').pop() ?? '';
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        body = {};
      }
      const result = answer(method, body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, result }));
    });
  });
  // Telegram keeps idle connections open far longer than Node's 5 s default: a client reusing a
  // socket the stub had just closed would fail a call that Telegram would have answered.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    keyboardOf: (chatId: number) => lastKeyboard.get(chatId),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
