import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_ERRORS } from './errors.js';
import { createHandler, type HttpState } from './http.js';
import { createPeople, FILES_PATH } from './people.js';
import { personRoutes } from './person-http.js';
import { createStore } from './store.js';
import type { CallRecord, Fault, StandInUpdate } from './types.js';

export { MAX_ERRORS } from './errors.js';
export { LIMITS } from './keyboard.js';
export type { StandInPerson } from './people.js';
export { PERSON_PREFIX } from './person-http.js';
export type { CallRecord, Fault, SentFile, SentMessage, StandInButton } from './types.js';

/** The token the stand-in accepts by default; not a real bot's. */
export const STAND_IN_TOKEN = 'max-stand-in-token-not-a-real-bot';

/**
 * The port of the no-token demo: one above the Telegram emulator's default (EMULATOR_PORT,
 * 9001 in config.ts; not imported, the stand-in imports nothing of ours).
 */
export const MAX_STAND_IN_PORT = 9002;

export interface MaxStandInOptions {
  port?: number;
  host?: string;
  token?: string;
  /** Requests per second before it answers 429 (MAX allows about 30); 0: no limit. */
  ratePerSecond?: number;
  /** Turns on the person's side, `/_person/...` (README.md): for the demo, off by default. */
  personRoutes?: boolean;
}

/**
 * A MAX Bot API stand-in: the endpoints the official SDK calls, MAX's answers and errors, and
 * simulated people who write to the bot and press its buttons. For tests and the no-token demo;
 * scope and assumptions: README.md.
 */
export function createMaxStandIn(options: MaxStandInOptions = {}) {
  const store = createStore();
  let server: Server | null = null;
  const state: HttpState = {
    token: options.token ?? STAND_IN_TOKEN,
    ratePerSecond: options.ratePerSecond ?? 30,
    faults: [],
    calls: [],
    startedAt: Date.now(),
    subscriptions: [],
    commands: [],
    uploadSeq: 0,
    baseUrl: () => standIn.url,
    person: null,
  };

  /** An update goes to the webhook if one is subscribed (with the secret header), else waits for /updates. */
  async function deliver(update: StandInUpdate): Promise<void> {
    const hook = state.subscriptions[0];
    if (!hook) return store.push(update);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (hook.secret) headers['x-max-bot-api-secret'] = hook.secret;
    await fetch(hook.url, { method: 'POST', headers, body: JSON.stringify(update) });
  }

  const user = createPeople({
    store,
    deliver,
    failChat: (kind, chatId) => standIn.fail({ ...MAX_ERRORS[kind], chatId, times: Number.POSITIVE_INFINITY }),
    reopenChat: (chatId) => {
      state.faults = state.faults.filter((f) => !(f.chatId === chatId && f.code === MAX_ERRORS.blocked.code));
    },
    fileUrl: (token) => `${standIn.url}${FILES_PATH}${token}`,
  });
  if (options.personRoutes) state.person = personRoutes(store, (id) => user(id));

  const standIn = {
    url: '',
    token: state.token,
    /** A person in a dialog with the bot: `say`, `start`, `press`, `tap`, `messages`, `last`. */
    user,
    store,
    /** Every call the bot made, with its status. */
    get calls(): CallRecord[] {
      return state.calls;
    },
    /** The bot's command list (`PATCH /me/commands`). */
    get commands() {
      return state.commands;
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
    /**
     * MAX's reported edit quirk (max-bot-api-client-go issue 58, December 2025): while on,
     * `PUT /messages` changes the text and format but keeps the old buttons. Off by default.
     */
    editKeepsButtons(on: boolean) {
      store.settings.editKeepsButtons = on;
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

/**
 * The stand-in of the no-token demo, listening on a fixed port (MAX_STAND_IN_PORT unless
 * given) with the person's side on, so that scripts/demo-max-chat.ts can act as a MAX user.
 */
export async function startMaxStandInServer(options: MaxStandInOptions = {}): Promise<MaxStandIn> {
  const standIn = createMaxStandIn({
    ...options,
    port: options.port ?? MAX_STAND_IN_PORT,
    personRoutes: options.personRoutes ?? true,
  });
  await standIn.start();
  return standIn;
}
