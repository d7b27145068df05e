import { MAX_ERRORS, fail } from './errors.js';
import { personRefusal, type StandInPerson } from './people.js';
import type { Store } from './store.js';
import type { SentMessage } from './types.js';

/** A route of the person's side: the query and the JSON body in, the JSON answer out. */
export type PersonRoute = (q: URLSearchParams, body: Record<string, unknown>) => Promise<unknown> | unknown;

/** Where the person's side lives: MAX's own API has nothing under it. */
export const PERSON_PREFIX = '/_person';

/** A bot message as the person's side lists it: files with their name and size where known. */
function view(store: Store, m: SentMessage) {
  const files = m.attachments
    .filter((a) => a.type !== 'inline_keyboard')
    .map((a) => {
      const token = typeof a.payload?.token === 'string' ? a.payload.token : null;
      const upload = token ? store.uploads.get(token) : undefined;
      return { type: a.type, token, filename: upload?.name ?? null, size: upload?.content.length ?? null };
    });
  return { mid: m.mid, text: m.text, format: m.format, buttons: m.buttons, files, history: m.history, deleted: m.deleted };
}

/**
 * The routes that let a person at a terminal act as a MAX user (scripts/demo-max-chat.ts):
 * write, start the bot, press and tap buttons, read what the bot sent. No token: the caller is
 * a person, not the bot; their calls are not in `calls` and not rate-limited.
 */
export function personRoutes(store: Store, user: (id: number) => StandInPerson): Record<string, PersonRoute> {
  const personOf = (raw: unknown) => {
    const id = Number(raw);
    if (!Number.isSafeInteger(id) || id <= 0) throw fail(MAX_ERRORS.badRequest, 'user: a positive whole number is required');
    return user(id);
  };
  const text = (raw: unknown, name: string) => {
    if (typeof raw !== 'string' || !raw) throw fail(MAX_ERRORS.badRequest, `${name}: a text is required`);
    return raw;
  };
  /** The message given, else the newest one in the chat that has the button. */
  const messageWith = (p: StandInPerson, mid: unknown, type: string, has: (b: { payload?: string; text: string }) => boolean) => {
    if (typeof mid === 'string' && mid) return mid;
    const found = p
      .messages()
      .filter((m) => !m.deleted && m.buttons.flat().some((b) => b.type === type && has(b)))
      .at(-1);
    if (!found) throw personRefusal(`no message in this chat has such a ${type} button`);
    return found.mid;
  };
  return {
    [`GET ${PERSON_PREFIX}/messages`]: (q) => {
      const p = personOf(q.get('user'));
      return { user: p.userId, chat_id: p.chatId, messages: p.messages().map((m) => view(store, m)) };
    },
    [`POST ${PERSON_PREFIX}/say`]: async (_q, b) => {
      await personOf(b.user).say(text(b.text, 'text'));
      return { success: true };
    },
    [`POST ${PERSON_PREFIX}/start`]: async (_q, b) => {
      await personOf(b.user).start(typeof b.payload === 'string' && b.payload ? b.payload : undefined);
      return { success: true };
    },
    [`POST ${PERSON_PREFIX}/press`]: async (_q, b) => {
      const p = personOf(b.user);
      const payload = text(b.payload, 'payload');
      const mid = messageWith(p, b.mid, 'callback', (x) => x.payload === payload);
      return { callback_id: await p.press(mid, payload), mid };
    },
    [`POST ${PERSON_PREFIX}/tap`]: async (_q, b) => {
      const p = personOf(b.user);
      const label = text(b.text, 'text');
      const mid = messageWith(p, b.mid, 'message', (x) => x.text === label);
      await p.tap(mid, label);
      return { mid };
    },
    /** How the bot answered a press: `answered` false until it did; the toast, if any. */
    [`GET ${PERSON_PREFIX}/answer`]: (q) => {
      const cb = store.callbacks.get(q.get('callback_id') ?? '');
      if (!cb) throw fail(MAX_ERRORS.notFound, 'no such press');
      return { answered: cb.answer !== null, notification: cb.answer?.notification ?? null };
    },
  };
}
