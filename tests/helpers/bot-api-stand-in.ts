import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Api } from 'grammy';
import type { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll } from 'vitest';

/** One request as the stand-in received it, with the client port it came from (which socket). */
export interface Arrival {
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  port: number;
}

export type Answer = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A real HTTP server on 127.0.0.1 standing in for the Bot API for the tests of the calling
 * file (started before them, closed after): every request is read whole, recorded in `seen`
 * and handed to `answer` as it is at that moment, so a test can change the answer between calls.
 */
export function useBotApiStandIn() {
  let server: Server | undefined;
  let root = '';
  const standIn = {
    seen: [] as Arrival[],
    answer: ((_req, res) => res.end(JSON.stringify({ ok: true, result: true }))) as Answer,
    get root() {
      return root;
    },
    get server() {
      return server!;
    },
  };
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        standIn.seen.push({
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          port: req.socket.remotePort ?? 0,
        });
        standIn.answer(req, res);
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    root = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        server?.closeAllConnections();
        server?.close(() => resolve());
      }),
  );
  return standIn;
}

export interface SentFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
  /** What the update says about the size (Telegram's `file_size`); the real size by default. */
  claimedSize?: number;
}

/**
 * Documents a simulated user sends, for what the Bot API emulator cannot carry: it delivers no
 * document from its client and has neither getFile nor the file URL. `sendDocument` puts a message
 * with a document into the emulator's update queue (the bot gets it by getUpdates as usual);
 * `serveGetFile` answers getFile on the bot's API from memory; and the file itself is served by a
 * stand-in server at `${root}/file/bot<token>/<file_path>`, as Telegram serves it.
 */
export function useTelegramFiles() {
  const standIn = useBotApiStandIn();
  const byId = new Map<string, { path: string; bytes: Uint8Array }>();
  const byPath = new Map<string, Uint8Array>();
  let next = 0;
  standIn.answer = (req, res) => {
    const path = /^\/file\/bot[^/]+\/(.+)$/.exec(req.url ?? '')?.[1];
    const bytes = path ? byPath.get(decodeURIComponent(path)) : undefined;
    if (!bytes) return void res.writeHead(404).end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.byteLength }).end(Buffer.from(bytes));
  };
  return {
    get root() {
      return standIn.root;
    },
    /** How many file downloads reached the stand-in. */
    downloads: () => standIn.seen.filter((s) => s.url.startsWith('/file/')).length,
    serveGetFile(api: Api) {
      api.config.use(async (prev, method, payload, signal) => {
        if (method !== 'getFile') return prev(method, payload, signal);
        const fileId = (payload as { file_id: string }).file_id;
        const file = byId.get(fileId);
        if (!file) return { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' } as never;
        const result = { file_id: fileId, file_unique_id: fileId, file_size: file.bytes.byteLength, file_path: file.path };
        return { ok: true, result } as never;
      });
    },
    /** Delivers a message with `file` as a document from user `chatId` (private chat) through the emulator. */
    async sendDocument(server: TelegramServer, token: string, chatId: number, file: SentFile) {
      const id = `doc-${++next}`;
      const path = `documents/file_${next}${/\.[a-z0-9]+$/i.exec(file.name)?.[0] ?? ''}`;
      byId.set(id, { path, bytes: file.bytes });
      byPath.set(path, file.bytes);
      const message = server.getClient(token, { chatId, userId: chatId, firstName: 'Тест' }).makeMessage('') as Record<string, unknown>;
      delete message.text;
      message.document = {
        file_id: id,
        file_unique_id: id,
        file_name: file.name,
        mime_type: file.mimeType,
        file_size: file.claimedSize ?? file.bytes.byteLength,
      };
      await server.addUserMessage(message as never);
    },
  };
}
