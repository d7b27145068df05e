import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_ERRORS, StandInError, fail } from './errors.js';
import { FILES_PATH } from './people.js';
import type { PersonRoute } from './person-http.js';
import { BOT_USER, type Store } from './store.js';
import type { CallRecord, Fault, UploadedFile } from './types.js';

export interface HttpState {
  token: string;
  /** Requests per second per bot before a 429; 0 turns the limit off. */
  ratePerSecond: number;
  faults: Fault[];
  calls: CallRecord[];
  startedAt: number;
  subscriptions: { url: string; secret: string | null; update_types: string[]; time: number }[];
  /** The bot's command list, as `PATCH /me/commands` set it. */
  commands: { name: string; description?: string }[];
  baseUrl(): string;
  uploadSeq: number;
  /** The person's side (`/_person/...`) when it is turned on, else null. */
  person: Record<string, PersonRoute> | null;
}

type Handler = (q: URLSearchParams, body: Record<string, unknown>, signal: AbortSignal) => Promise<unknown> | unknown;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The file in an upload: the `data` part of a multipart body (what the SDK and `uploadMaxFile`
 * send), or the raw body named by `X-File-Name` or `Content-Disposition`.
 */
async function uploadedFile(req: IncomingMessage, raw: Buffer): Promise<UploadedFile> {
  const type = String(req.headers['content-type'] ?? '');
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': type } }).formData();
    const part = form.get('data') ?? [...form.values()].find((v) => typeof v !== 'string');
    if (part && typeof part !== 'string') return { name: part.name, content: Buffer.from(await part.arrayBuffer()) };
  }
  const disposition = /filename="([^"]*)"/.exec(String(req.headers['content-disposition'] ?? ''))?.[1];
  return { name: String(req.headers['x-file-name'] ?? disposition ?? 'file'), content: raw };
}

const num = (q: URLSearchParams, name: string) => (q.get(name) === null ? null : Number(q.get(name)));

/** The routes of the MAX Bot API the SDK calls (src/dev/max-stand-in/README.md lists them). */
export function routes(store: Store, state: HttpState): Record<string, Handler> {
  const chatOf = (q: URLSearchParams) => {
    const chat = num(q, 'chat_id') ?? store.chatOf(num(q, 'user_id') ?? Number.NaN);
    if (chat === null || chat === undefined || Number.isNaN(chat)) throw fail(MAX_ERRORS.removed, 'chat.not.found: no dialog');
    return chat;
  };
  return {
    'GET /me': () => ({ ...BOT_USER, commands: state.commands }),
    'PATCH /me/commands': (_q, b) => {
      const body = (b ?? {}) as { commands?: { name: string; description?: string }[] };
      if (Array.isArray(body.commands)) state.commands = body.commands;
      return { ...BOT_USER, commands: state.commands };
    },
    'GET /updates': async (q, _b, signal) => {
      const limit = Math.min(Math.max(num(q, 'limit') ?? 100, 1), 1000);
      const timeout = Math.min(Math.max(num(q, 'timeout') ?? 30, 0), 90);
      return store.take(num(q, 'marker'), limit, timeout * 1000, signal);
    },
    'POST /messages': (q, b) => ({ message: store.send(chatOf(q), b as never) }),
    'PUT /messages': (q, b) => {
      store.edit(q.get('message_id') ?? '', b as never);
      return { success: true };
    },
    'DELETE /messages': (q) => {
      store.remove(q.get('message_id') ?? '');
      return { success: true };
    },
    'POST /answers': (q, b) => {
      const id = q.get('callback_id');
      if (!id) throw fail(MAX_ERRORS.badRequest, 'callback_id is required');
      const answered = store.answer(id, b as never);
      return { success: answered };
    },
    'POST /uploads': (q) => {
      const type = q.get('type');
      if (!['file', 'image', 'video', 'audio'].includes(type ?? '')) throw fail(MAX_ERRORS.badRequest, 'type: file, image, video or audio');
      const id = `u${++state.uploadSeq}`;
      // Video and audio get their token now; files and images get it from the upload's answer (as MAX does).
      return type === 'video' || type === 'audio'
        ? { url: `${state.baseUrl()}/upload/${id}`, token: `tok-${id}` }
        : { url: `${state.baseUrl()}/upload/${id}` };
    },
    'GET /subscriptions': () => ({ subscriptions: state.subscriptions.map(({ secret: _, ...s }) => s) }),
    'POST /subscriptions': (_q, b) => {
      const url = String(b.url ?? '');
      if (!url.startsWith('https://') && !url.startsWith('http://127.0.0.1')) throw fail(MAX_ERRORS.badRequest, 'url must be https');
      const secret = typeof b.secret === 'string' ? b.secret : null;
      if (secret !== null && !/^[A-Za-z0-9_-]{5,256}$/.test(secret))
        throw fail(MAX_ERRORS.badRequest, 'secret: 5 to 256 of A-Z a-z 0-9 _ -');
      state.subscriptions = state.subscriptions.filter((s) => s.url !== url);
      state.subscriptions.push({ url, secret, update_types: (b.update_types as string[]) ?? [], time: Date.now() });
      return { success: true };
    },
    'DELETE /subscriptions': (q) => {
      state.subscriptions = state.subscriptions.filter((s) => s.url !== q.get('url'));
      return { success: true };
    },
  };
}

/** A request's answer: auth, the rate limit, injected faults, then the route. */
export function createHandler(store: Store, state: HttpState) {
  const table = routes(store, state);
  const recent: number[] = [];
  function faultFor(method: string, path: string, q: URLSearchParams): Fault | undefined {
    const chat = num(q, 'chat_id');
    const i = state.faults.findIndex(
      (f) => (!f.method || f.method === method) && (!f.path || f.path === path) && (f.chatId === undefined || f.chatId === chat),
    );
    const f = state.faults[i];
    if (f && --f.times <= 0) state.faults.splice(i, 1);
    return f;
  }
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    const record = (status: number) => state.calls.push({ method, path: url.pathname, status, at: Date.now() - state.startedAt });
    const person = state.person?.[`${method} ${url.pathname}`];
    const answer = (status: number, data: unknown) => {
      if (!person) record(status);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data));
    };
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    try {
      const raw = await readBody(req);
      if (person) return answer(200, await person(url.searchParams, raw.length ? JSON.parse(raw.toString('utf8')) : {}));
      if (url.pathname.startsWith('/upload/')) return answer(200, store.upload(url.pathname.slice(8), await uploadedFile(req, raw)));
      if (method === 'GET' && url.pathname.startsWith(FILES_PATH)) {
        const file = store.uploads.get(url.pathname.slice(FILES_PATH.length));
        if (!file) return answer(404, { code: MAX_ERRORS.notFound.code, message: 'no such file' });
        return res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(file.content);
      }
      if (req.headers.authorization !== state.token && url.searchParams.get('access_token') !== state.token) {
        return answer(401, { code: MAX_ERRORS.unauthorized.code, message: MAX_ERRORS.unauthorized.message });
      }
      const now = Date.now();
      while (recent.length && recent[0]! <= now - 1000) recent.shift();
      if (state.ratePerSecond > 0 && url.pathname !== '/updates' && recent.length >= state.ratePerSecond) {
        return answer(429, { code: MAX_ERRORS.rateLimited.code, message: MAX_ERRORS.rateLimited.message });
      }
      if (url.pathname !== '/updates') recent.push(now);
      const fault = faultFor(method, url.pathname, url.searchParams);
      if (fault) return answer(fault.status, { code: fault.code, message: fault.message });
      const route = table[`${method} ${url.pathname}`];
      if (!route) return answer(404, { code: MAX_ERRORS.notFound.code, message: `no route ${method} ${url.pathname}` });
      const body = raw.length && String(req.headers['content-type']).includes('json') ? JSON.parse(raw.toString('utf8')) : {};
      return answer(200, await route(url.searchParams, body, abort.signal));
    } catch (err) {
      if (err instanceof StandInError) return answer(err.status, { code: err.code, message: err.message });
      if (err instanceof SyntaxError) return answer(400, { code: MAX_ERRORS.badRequest.code, message: `body: ${err.message}` });
      return answer(500, { code: 'internal.error', message: err instanceof Error ? err.message : String(err) });
    }
  };
}
