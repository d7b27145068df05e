import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, MaxError } from '@maxhub/max-bot-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMaxStandIn, MAX_ERRORS, type MaxStandIn } from '../../src/dev/max-stand-in/index.js';
import { createMaxApi, maxFailureOf } from '../../src/max/index.js';

/** The stand-in as the official SDK sees it: every call below is the SDK's own. */
describe('MAX Bot API stand-in', () => {
  let standIn: MaxStandIn;
  let api: ReturnType<typeof createMaxApi>;
  beforeEach(async () => {
    standIn = createMaxStandIn();
    await standIn.start();
    api = createMaxApi({ token: standIn.token, apiRoot: standIn.url });
  });
  afterEach(() => standIn.stop());

  const keyboard = (rows: { text: string; payload: string }[][]) => ({
    type: 'inline_keyboard' as const,
    payload: { buttons: rows.map((r) => r.map((b) => ({ type: 'callback' as const, ...b }))) },
  });

  it('answers /me, and 401 for a wrong token', async () => {
    expect((await api.getMyInfo()).is_bot).toBe(true);
    const wrong = createMaxApi({ token: 'wrong-token-wrong-token', apiRoot: standIn.url });
    const err = await wrong.getMyInfo().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MaxError);
    expect((err as MaxError).status).toBe(401);
  });

  it('a person starts the bot with a payload, writes, and presses a button; the bot reads it all by long polling with a marker', async () => {
    const parent = standIn.user(501, { name: 'Игорь' });
    await parent.start('ABCD-2345');
    await parent.say('/start ABCD-2345');
    const first = await api.getUpdates([], { timeout: 1 });
    expect(first.updates.map((u) => u.update_type)).toEqual(['bot_started', 'message_created']);
    expect(first.updates[0]).toMatchObject({ payload: 'ABCD-2345', chat_id: parent.chatId, user: { user_id: 501 } });

    const sent = await api.sendMessageToChat(parent.chatId, '<b>Вопрос</b>', {
      format: 'html',
      attachments: [keyboard([[{ text: 'Да', payload: 'x:1' }]])],
    });
    expect(parent.last()?.buttons[0]?.[0]).toMatchObject({ type: 'callback', payload: 'x:1' });
    const callbackId = await parent.press(sent.body.mid, 'x:1');
    // The marker asks only for what came after the first batch.
    const second = await api.getUpdates([], { timeout: 1, marker: first.marker });
    expect(second.updates).toHaveLength(1);
    const press = second.updates[0]!;
    expect(press.update_type).toBe('message_callback');
    // MAX puts the pressed message at the update's root, not inside the callback.
    expect(press).toMatchObject({ callback: { callback_id: callbackId, payload: 'x:1' }, message: { body: { mid: sent.body.mid } } });

    await api.answerOnCallback(callbackId, { message: { text: 'Спасибо' } });
    // An answer with a message replaces the pressed message.
    expect(parent.last()?.text).toBe('Спасибо');
    expect(standIn.store.callbacks.get(callbackId)?.answer).not.toBeNull();
    // The SDK drops a zero from the query, so the shortest wait it can ask for is a second.
    const empty = await api.getUpdates([], { timeout: 1, marker: second.marker });
    expect(empty.updates).toHaveLength(0);
  });

  it('edits the text and, when attachments are given, the keyboard; deletes', async () => {
    const p = standIn.user(502);
    const sent = await api.sendMessageToUser(p.userId, 'один', { attachments: [keyboard([[{ text: 'A', payload: 'a' }]])] });
    await api.editMessage(sent.body.mid, { text: 'два' });
    expect(p.last()).toMatchObject({ text: 'два', history: ['один'] });
    expect(p.last()?.buttons.flat()).toHaveLength(1);
    await api.editMessage(sent.body.mid, { text: 'три', attachments: [] });
    expect(p.last()?.buttons.flat()).toHaveLength(0);
    await api.deleteMessage(sent.body.mid);
    expect(p.last()?.deleted).toBe(true);
  });

  it('refuses what MAX refuses: text over 4,000 characters, a row of 8 buttons, 31 rows', async () => {
    const p = standIn.user(503);
    const refused = (e: unknown) => (e as MaxError).status;
    expect(await api.sendMessageToChat(p.chatId, 'я'.repeat(4001)).catch(refused)).toBe(400);
    expect(await api.sendMessageToChat(p.chatId, 'я'.repeat(4000)).then(() => 200)).toBe(200);
    const row = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `${i}`, payload: `${i}` }));
    expect(await api.sendMessageToChat(p.chatId, 'x', { attachments: [keyboard([row(8)])] }).catch(refused)).toBe(400);
    expect(
      await api.sendMessageToChat(p.chatId, 'x', { attachments: [keyboard(Array.from({ length: 31 }, () => row(1)))] }).catch(refused),
    ).toBe(400);
    expect(
      await api.sendMessageToChat(p.chatId, 'x', { attachments: [keyboard(Array.from({ length: 30 }, () => row(7)))] }).then(() => 200),
    ).toBe(200);
  });

  it('uploads a file; "attachment not ready" is answered first and the SDK sends again', async () => {
    const p = standIn.user(504);
    standIn.attachmentNotReady(1);
    const file = await api.uploadFile({ source: Buffer.from('%PDF-1.4 отчёт') });
    await api.sendMessageToChat(p.chatId, 'Отчёт', { attachments: [file.toJson()] });
    const sends = standIn.calls.filter((c) => c.path === '/messages').map((c) => c.status);
    expect(sends).toEqual([400, 200]);
    expect(p.last()?.attachments[0]).toMatchObject({ type: 'file' });
  });

  it('injects 429, 5xx, a blocked and a removed chat, each as MAX answers them', async () => {
    const p = standIn.user(505);
    const q = standIn.user(506);
    const failureOf = (chatId: number) => api.sendMessageToChat(chatId, 'x').then(() => 'sent', maxFailureOf);
    standIn.rateLimit(1);
    expect(await failureOf(p.chatId)).toBe('rate_limited');
    standIn.serverError(1);
    expect(await failureOf(p.chatId)).toBe('transient');
    p.block();
    expect(await failureOf(p.chatId)).toBe('unreachable');
    expect(await failureOf(q.chatId)).toBe('sent');
    q.removeDialog();
    expect(await failureOf(q.chatId)).toBe('unreachable');
    const err = (await api.sendMessageToChat(p.chatId, 'x').catch((e: unknown) => e)) as MaxError;
    expect([err.status, err.code]).toEqual([MAX_ERRORS.blocked.status, 'chat.denied']);
  });

  it('answers 429 past its rate of requests a second', async () => {
    standIn.setRatePerSecond(5);
    const p = standIn.user(507);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.sendMessageToChat(p.chatId, 'x').then(
          () => 200,
          (e: MaxError) => e.status,
        ),
      ),
    );
    expect(results.filter((s) => s === 429)).toHaveLength(3);
  });

  it('posts updates to a subscribed webhook with the secret header, as the SDK checks it', async () => {
    const bot = new Bot(standIn.token, { clientOptions: { baseUrl: standIn.url } });
    const texts: string[] = [];
    bot.on('message_created', (ctx) => {
      texts.push(ctx.message.body.text ?? '');
    });
    const secret = 'hook-secret-12345';
    const server = createServer(bot.webhookCallback({ domain: 'journal.example.org', path: '/max/webhook', secret }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/max/webhook`;
    try {
      await api.subscribe(url, secret);
      expect(standIn.subscriptions.map((s) => s.url)).toEqual([url]);
      await standIn.user(508).say('привет');
      await new Promise((r) => setTimeout(r, 100));
      expect(texts).toEqual(['привет']);
      // A wrong secret is refused by the SDK's check: the update is not handled.
      await api.subscribe(url, 'another-secret-1');
      await standIn.user(509).say('чужой');
      await new Promise((r) => setTimeout(r, 100));
      expect(texts).toEqual(['привет']);
    } finally {
      server.close();
    }
  });
});
