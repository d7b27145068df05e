import { createServer, type IncomingMessage } from 'node:http';

/**
 * A local Bot API that enforces Telegram's limits the way the real one answers them:
 * 429 with retry_after past 30 messages in any one-second span, or past 1 per second per chat.
 */
export async function startTelegramStub(options: { globalPerSecond?: number; perChatMs?: number } = {}) {
  const globalLimit = options.globalPerSecond ?? 30;
  const perChatMs = options.perChatMs ?? 1000;
  const accepted: number[] = [];
  /** The method of each accepted call, in order. */
  const methods: string[] = [];
  const lastByChat = new Map<number, number>();
  let rejected = 0;
  let messageId = 0;
  let windowStart = 0;

  const body = (req: IncomingMessage) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}));
    });

  /** The most messages accepted in any one-second span. */
  function maxPerSecond(): number {
    let max = 0;
    let j = 0;
    for (let i = 0; i < accepted.length; i++) {
      while (accepted[i]! - accepted[j]! >= 1000) j++;
      max = Math.max(max, i - j + 1);
    }
    return max;
  }

  const server = createServer(async (req, res) => {
    const payload = await body(req);
    const method = (req.url ?? '').split('/').pop();
    const now = performance.now();
    const chatId = Number(payload.chat_id);
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (method === '__stats') {
      return send(200, {
        accepted: accepted.length,
        rejected,
        methods,
        first: accepted[0] ?? 0,
        last: accepted.at(-1) ?? 0,
        maxPerSecond: maxPerSecond(),
      });
    }
    if (method === 'getMe') return send(200, { ok: true, result: { id: 1, is_bot: true, first_name: 'stub', username: 'stub_bot' } });
    if (method !== 'sendMessage' && method !== 'editMessageText') return send(200, { ok: true, result: true });
    while (windowStart < accepted.length && accepted[windowStart]! <= now - 1000) windowStart++;
    const inWindow = accepted.length - windowStart;
    const last = lastByChat.get(chatId);
    if (inWindow >= globalLimit || (last !== undefined && now - last < perChatMs)) {
      rejected++;
      return send(429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    }
    accepted.push(now);
    methods.push(method);
    lastByChat.set(chatId, now);
    return send(200, {
      ok: true,
      result: { message_id: ++messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text: payload.text },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    accepted,
    methods,
    get rejected() {
      return rejected;
    },
    maxPerSecond,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
