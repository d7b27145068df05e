import { MAX_ERRORS, fail } from './errors.js';
import { keyboardOf, LIMITS } from './keyboard.js';
import type { MaxUser, SentFile, SentMessage, StandInAttachment, StandInMessage, StandInUpdate, UploadedFile } from './types.js';

export const BOT_USER: MaxUser = {
  user_id: 900_000_001,
  name: 'Школьный журнал',
  first_name: 'Школьный журнал',
  username: 'school_journal_bot',
  is_bot: true,
  last_activity_time: 0,
};

export function personOf(userId: number, name = `User ${userId}`): MaxUser {
  return { user_id: userId, name, first_name: name, username: null, is_bot: false, last_activity_time: Date.now() };
}

type Body = { text?: string | null; format?: string | null; attachments?: StandInAttachment[] | null };

/** Messages, updates and uploads: the state behind the HTTP answers, also read and driven by tests. */
export function createStore() {
  let seq = 0;
  let marker = 0;
  const updates: { marker: number; update: StandInUpdate }[] = [];
  const messages = new Map<string, SentMessage>();
  const chatOwner = new Map<number, number>();
  const uploads = new Map<string, UploadedFile & { notReadyLeft: number }>();
  const waiters = new Set<() => void>();
  /** Button presses by callback id: the message pressed and how the bot answered (null: not yet). */
  const callbacks = new Map<string, { mid: string; answer: { notification?: string | null; message?: Body | null } | null }>();
  const settings = { notReadyTimes: 0, editKeepsButtons: false };

  function checkBody(body: Body) {
    if ((body.text ?? '').length > LIMITS.textLength) {
      throw fail(MAX_ERRORS.badRequest, `text: size must be between 0 and ${LIMITS.textLength}`);
    }
    const attachments: StandInAttachment[] = [];
    const files: SentFile[] = [];
    for (const a of body.attachments ?? []) {
      const token = a.type !== 'inline_keyboard' ? a.payload?.token : undefined;
      const upload = token ? uploads.get(token) : undefined;
      if (token && !upload) throw fail(MAX_ERRORS.badRequest, `unknown attachment token ${token}`);
      if (upload && upload.notReadyLeft > 0) {
        upload.notReadyLeft--;
        throw fail(MAX_ERRORS.notReady);
      }
      if (upload && a.type === 'file') {
        // As MAX shows a file in a message: its name and size beside the token.
        const size = upload.content.length;
        attachments.push({ ...a, filename: upload.name, size });
        files.push({ name: upload.name, size, content: upload.content });
      } else attachments.push(a);
    }
    return { attachments, files, buttons: keyboardOf(attachments) };
  }

  function toApi(m: SentMessage): StandInMessage {
    return {
      sender: BOT_USER,
      recipient: { chat_id: m.chatId, chat_type: 'dialog', user_id: chatOwner.get(m.chatId) ?? null },
      timestamp: Date.now(),
      body: { mid: m.mid, seq: Number(m.mid.slice(4)), text: m.text, attachments: m.attachments },
    };
  }

  return {
    messages,
    uploads,
    callbacks,
    /**
     * `notReadyTimes`: how many sends each new upload answers "attachment not ready" before it
     * is ready; `editKeepsButtons`: MAX's reported edit quirk (README.md, "The edit quirk").
     */
    settings,
    upload(id: string, file: UploadedFile) {
      const token = `tok-${id}`;
      uploads.set(token, { ...file, notReadyLeft: settings.notReadyTimes });
      return { token };
    },
    press(callbackId: string, mid: string) {
      callbacks.set(callbackId, { mid, answer: null });
    },
    /** A callback's answer; a message in it replaces the pressed message (MAX's behaviour). */
    answer(callbackId: string, body: { notification?: string | null; message?: Body | null }): boolean {
      const cb = callbacks.get(callbackId);
      if (!cb) throw fail(MAX_ERRORS.notFound, `callback ${callbackId} not found`);
      if (body.message) this.edit(cb.mid, body.message, { answer: true });
      cb.answer = body;
      return true;
    },
    /** A dialog between the bot and a person: the chat id MAX gives it. */
    openDialog(userId: number, chatId: number) {
      chatOwner.set(chatId, userId);
    },
    chatOf(userId: number): number | undefined {
      for (const [chat, user] of chatOwner) if (user === userId) return chat;
      return undefined;
    },
    send(chatId: number, body: Body): StandInMessage {
      const { attachments, files, buttons } = checkBody(body);
      const mid = `mid.${String(++seq).padStart(16, '0')}`;
      const m: SentMessage = {
        mid,
        chatId,
        text: body.text ?? null,
        format: body.format ?? null,
        buttons,
        attachments,
        files,
        history: [],
        deleted: false,
      };
      messages.set(mid, m);
      return toApi(m);
    },
    /**
     * An edit replaces the text, and the attachments only when given (MAX keeps them otherwise).
     * With `editKeepsButtons` on, an edit by `PUT /messages` keeps the old keyboard whatever it
     * is sent (other attachments still change); the message of a callback's answer is not
     * reported to suffer from it, so `answer` edits replace the keyboard either way.
     */
    edit(mid: string, body: Body, by: { answer?: boolean } = {}) {
      const m = messages.get(mid);
      if (!m || m.deleted) throw fail(MAX_ERRORS.notFound, `message ${mid} not found`);
      const { attachments, files, buttons } = checkBody(body);
      m.history.push(m.text ?? '');
      if (body.text !== undefined) m.text = body.text;
      if (body.format !== undefined) m.format = body.format;
      if (body.attachments == null) return;
      m.files = files;
      if (settings.editKeepsButtons && !by.answer) {
        const oldKeyboard = m.attachments.filter((a) => a.type === 'inline_keyboard');
        m.attachments = [...attachments.filter((a) => a.type !== 'inline_keyboard'), ...oldKeyboard];
        return;
      }
      m.attachments = attachments;
      m.buttons = buttons;
    },
    remove(mid: string) {
      const m = messages.get(mid);
      if (!m) throw fail(MAX_ERRORS.notFound, `message ${mid} not found`);
      m.deleted = true;
    },
    apiMessage(mid: string): StandInMessage | null {
      const m = messages.get(mid);
      return m ? toApi(m) : null;
    },
    push(update: StandInUpdate) {
      updates.push({ marker: ++marker, update });
      for (const w of waiters) w();
    },
    /** Updates after `after` (a marker given earlier), waiting up to `timeoutMs` for the first. */
    async take(after: number | null, limit: number, timeoutMs: number, signal: AbortSignal) {
      const from = after ?? 0;
      const ready = () => updates.filter((u) => u.marker > from).slice(0, limit);
      if (!ready().length && timeoutMs > 0) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            waiters.delete(done);
            resolve();
          };
          const timer = setTimeout(done, timeoutMs);
          waiters.add(done);
          signal.addEventListener('abort', done, { once: true });
        });
      }
      // A poll whose caller went away takes nothing: its updates wait for the next poll.
      if (signal.aborted) return { updates: [], marker: from };
      const batch = ready();
      // Delivered updates are dropped: MAX keeps them only until read (or for 24 hours).
      const next = batch.length ? batch[batch.length - 1]!.marker : from;
      while (updates.length && updates[0]!.marker <= next) updates.shift();
      return { updates: batch.map((u) => u.update), marker: next };
    },
    wakeAll() {
      for (const w of waiters) w();
    },
  };
}

export type Store = ReturnType<typeof createStore>;
