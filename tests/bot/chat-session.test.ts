import type { Context } from 'grammy';
import { describe, expect, it } from 'vitest';
import { chatSession } from '../../src/bot/chat-session.js';

interface Data {
  locale?: string;
}
type Ctx = Context & { session: Data | null | undefined; chat?: { id: number } };

/** A storage adapter over a Map that records every call it gets. */
function recordingStorage(initial: Record<string, Data> = {}) {
  const rows = new Map(Object.entries(initial));
  const calls: string[] = [];
  return {
    rows,
    calls,
    storage: {
      read: async (k: string) => {
        calls.push(`read ${k}`);
        return rows.get(k);
      },
      write: async (k: string, v: Data) => {
        calls.push(`write ${k} ${JSON.stringify(v)}`);
        rows.set(k, v);
      },
      delete: async (k: string) => {
        calls.push(`delete ${k}`);
        rows.delete(k);
      },
    },
  };
}

function run(storage: ReturnType<typeof recordingStorage>['storage'], chatId: number | undefined, handler: (ctx: Ctx) => void | Promise<void>) {
  const mw = chatSession<Data | null | undefined, Ctx>({ storage: storage as never, initial: () => ({}), getSessionKey: (ctx) => ctx.chat?.id.toString() });
  const ctx = { chat: chatId === undefined ? undefined : { id: chatId } } as unknown as Ctx;
  return { ctx, done: mw(ctx, async () => handler(ctx)) };
}

describe('the chat session', () => {
  it('reads the stored session into a plain property and writes back what the update changed', async () => {
    const s = recordingStorage({ 5: { locale: 'ru' } });
    const { ctx, done } = run(s.storage, 5, (c) => {
      expect(c.session).toEqual({ locale: 'ru' });
      c.session!.locale = 'en';
    });
    await done;
    const descriptor = Object.getOwnPropertyDescriptor(ctx, 'session')!;
    expect(descriptor.get).toBeUndefined();
    expect(descriptor.value).toEqual({ locale: 'en' });
    expect(s.calls).toEqual(['read 5', 'write 5 {"locale":"en"}']);
  });

  it('writes a new chat\'s session only once the update put something in it', async () => {
    const s = recordingStorage();
    await run(s.storage, 7, () => {}).done;
    expect(s.calls).toEqual(['read 7']);
    await run(s.storage, 7, (c) => {
      c.session!.locale = 'en';
    }).done;
    expect(s.calls).toEqual(['read 7', 'read 7', 'write 7 {"locale":"en"}']);
  });

  it('deletes the session set to null, and leaves storage alone for an update without a chat or one that failed', async () => {
    const s = recordingStorage({ 5: { locale: 'ru' } });
    await run(s.storage, 5, (c) => {
      c.session = null;
    }).done;
    expect(s.rows.has('5')).toBe(false);

    let seen: unknown = 'not called';
    await run(s.storage, undefined, (c) => {
      seen = c.session;
    }).done;
    expect(seen).toBeUndefined();

    const failing = run(s.storage, 9, (c) => {
      c.session!.locale = 'en';
      throw new Error('handler failed');
    });
    await expect(failing.done).rejects.toThrow('handler failed');
    expect(s.calls).toEqual(['read 5', 'delete 5', 'read 9']);
  });
});
