import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_ERRORS } from './errors.js';
import { createHandler, type HttpState } from './http.js';
import { createStore, personOf } from './store.js';
import type { CallRecord, Fault, SentMessage, StandInUpdate } from './types.js';

export { MAX_ERRORS } from './errors.js';
export type { CallRecord, Fault, SentFile, SentMessage } from './types.js';

/** The token the stand-in accepts by default; not a real bot's. */
export const STAND_IN_TOKEN = 'max-stand-in-token-not-a-real-bot';

export interface MaxStandInOptions {
  port?: number;
  host?: string;
  token?: string;
  /** Requests per second before it answers 429 (MAX allows about 30); 0: no limit. */
  ratePerSecond?: number;
}

/**
 * A MAX Bot API stand-in: the endpoints the official SDK calls, MAX's answers and errors, and
 * simulated people who write to the bot and press its buttons. For tests and the no-token demo;
 * scope and assumptions: README.md.
 */
export function createMaxStandIn(options: MaxStandInOptions = {}) {
  const store = createStore();
  let server: Server | null = null;
  let callbackSeq = 0;
  const state: HttpState = {
    token: options.token ?? STAND_IN_TOKEN,
    ratePerSecond: options.ratePerSecond ?? 30,
    faults: [],
    calls: [],
    startedAt: Date.now(),
    subscriptions: [],
    uploadSeq: 0,
    baseUrl: () => standIn.url,
  };

  /** An update goes to the webhook if one is subscribed (with the secret header), else waits for /updates. */
  async function deliver(update: StandInUpdate): Promise<void> {
    const hook = state.subscriptions[0];
    if (!hook) return store.push(update);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (hook.secret) headers['x-max-bot-api-secret'] = hook.secret;
    await fetch(hook.url, { method: 'POST', headers, body: JSON.stringify(update) });
  }

  /** A person in a dialog with the bot. */
  function user(userId: number, opts: { chatId?: number; name?: string } = {}) {
    const chatId = opts.chatId ?? userId + 1_000_000;
    const person = personOf(userId, opts.name);
    store.openDialog(userId, chatId);
    const message = (text: string) => ({
      sender: person,
      recipient: { chat_id: chatId, chat_type: 'dialog', user_id: userId },
      timestamp: Date.now(),
      body: { mid: `mid.user.${Date.now()}.${Math.random().toString(36).slice(2)}`, seq: 0, text, attachments: [] },
    });
    return {
      userId,
      chatId,
      /** A text message (a `/start <code>` typed by hand is one too). */
      say: (text: string) => deliver({ update_type: 'message_created', timestamp: Date.now(), message: message(text), user_locale: 'ru' }),
      /** The «Начать» button or a deep link `https://max.ru/<bot>?start=<payload>`. */
      start: (payload?: string) =>
        deliver({
          update_type: 'bot_started',
          timestamp: Date.now(),
          chat_id: chatId,
          user: person,
          payload: payload ?? null,
          user_locale: 'ru',
        }),
      /** Presses a callback button of a bot message; the message sits at the update's root (MAX's shape). */
      press: async (mid: string, payload: string) => {
        const callbackId = `cb.${++callbackSeq}`;
        store.press(callbackId, mid);
        await deliver({
          update_type: 'message_callback',
          timestamp: Date.now(),
          callback: { timestamp: Date.now(), callback_id: callbackId, payload, user: person },
          message: store.apiMessage(mid),
          user_locale: 'ru',
        });
        return callbackId;
      },
      /** The person stops the bot: later sends to this chat answer 403 chat.denied. */
      block: () => standIn.fail({ ...MAX_ERRORS.blocked, chatId, times: Number.POSITIVE_INFINITY }),
      /** The person deletes the dialog: later sends answer 404. */
      removeDialog: () => standIn.fail({ ...MAX_ERRORS.removed, chatId, times: Number.POSITIVE_INFINITY }),
      /** What the bot sent to this chat, oldest first (deleted ones included, marked). */
      messages: (): SentMessage[] => [...store.messages.values()].filter((m) => m.chatId === chatId),
      last: (): SentMessage | undefined => [...store.messages.values()].filter((m) => m.chatId === chatId).at(-1),
    };
  }

  const standIn = {
    url: '',
    token: state.token,
    user,
    store,
    /** Every call the bot made, with its status. */
    get calls(): CallRecord[] {
      return state.calls;
    },
    get subscriptions() {
      return state.subscriptions;
    },
    /** The next `times` matching calls answer this error (see MAX_ERRORS for MAX's own). */
    fail(fault: Partial<Fault> & Pick<Fault, 'status' | 'code' | 'message'>) {
      state.faults.push({ times: 1, ...fault });
    },
    rateLimit(times = 1) {
      standIn.fail({ ...MAX_ERRORS.rateLimited, path: '/messages', times });
    },
    serverError(times = 1, status = 503) {
      standIn.fail({ ...MAX_ERRORS.unavailable, status, path: '/messages', times });
    },
    /** Each new upload answers "attachment not ready" to this many sends before it may be attached. */
    attachmentNotReady(times: number) {
      store.settings.notReadyTimes = times;
    },
    setRatePerSecond(n: number) {
      state.ratePerSecond = n;
    },
    async start(): Promise<string> {
      server = createServer(createHandler(store, state));
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
      });
      const { port } = server.address() as AddressInfo;
      standIn.url = `http://${options.host ?? '127.0.0.1'}:${port}`;
      return standIn.url;
    },
    async stop(): Promise<void> {
      store.wakeAll();
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = null;
    },
  };
  return standIn;
}

export type MaxStandIn = ReturnType<typeof createMaxStandIn>;
