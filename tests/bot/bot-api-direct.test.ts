import { Api, GrammyError, HttpError, InputFile, type Transformer } from 'grammy';
import { describe, expect, it } from 'vitest';
import { directJsonCalls } from '../../src/telegram/bot-api-direct.js';
import { botApiFetch } from '../../src/telegram/bot-api-fetch.js';
import { useBotApiStandIn } from '../helpers/bot-api-stand-in.js';

/**
 * The direct path against a real HTTP server standing in for the Bot API. Calls it does not
 * take must reach grammY's own client, seen through a transformer installed under it.
 */
describe('the direct JSON calls', () => {
  const standIn = useBotApiStandIn();

  /** An Api as createBot builds it; `throughClient` lists the methods that reached grammY's client. */
  function apiWith(opts: { ridesOnWebhookReply?: (method: string) => boolean; timeoutSeconds?: number } = {}) {
    const throughClient: string[] = [];
    const api = new Api('123:TEST', { apiRoot: standIn.root, fetch: botApiFetch as never });
    const spy: Transformer = (prev, method, payload, signal) => {
      throughClient.push(method);
      return prev(method, payload, signal);
    };
    api.config.use(spy);
    api.config.use(
      directJsonCalls({
        apiRoot: standIn.root,
        token: '123:TEST',
        ridesOnWebhookReply: opts.ridesOnWebhookReply ?? (() => false),
        timeoutSeconds: opts.timeoutSeconds,
      }),
    );
    return { api, throughClient };
  }

  it('sends the common calls itself, as grammY would: JSON without empty fields, the result handed back', async () => {
    standIn.seen.length = 0;
    standIn.answer = (_req, res) =>
      res.end(JSON.stringify({ ok: true, result: { message_id: 9, date: 1, chat: { id: 5, type: 'private' }, text: 'Отмечено' } }));
    const { api, throughClient } = apiWith();
    const keyboard = { inline_keyboard: [[{ text: 'Иванов И. ✓', callback_data: 'a1:1:0:0:abcd' }]] };
    const sent = await api.sendMessage(5, 'Отмечено', { reply_markup: keyboard, link_preview_options: undefined });
    await api.editMessageReplyMarkup(5, 9, { reply_markup: undefined });
    expect(sent.message_id).toBe(9);
    expect(throughClient).toEqual([]);
    expect(standIn.seen.map((s) => s.url)).toEqual(['/bot123:TEST/sendMessage', '/bot123:TEST/editMessageReplyMarkup']);
    expect(JSON.parse(standIn.seen[0]!.body)).toEqual({ chat_id: 5, text: 'Отмечено', reply_markup: keyboard });
    expect(JSON.parse(standIn.seen[1]!.body)).toEqual({ chat_id: 5, message_id: 9 });
  });

  it("leaves uploads, other methods and a call that may ride on the webhook reply to grammY's client", async () => {
    standIn.seen.length = 0;
    standIn.answer = (_req, res) => res.end(JSON.stringify({ ok: true, result: true }));
    const { api, throughClient } = apiWith({ ridesOnWebhookReply: (method) => method === 'answerCallbackQuery' });
    await api.answerCallbackQuery('cb-1');
    await api.sendDocument(5, new InputFile(Buffer.from('%PDF-1.4'), 'report.pdf'));
    await api.setMyCommands([{ command: 'start', description: 'Начать' }]);
    expect(throughClient).toEqual(['answerCallbackQuery', 'sendDocument', 'setMyCommands']);
    expect(standIn.seen.map((s) => s.url)).toEqual([
      '/bot123:TEST/answerCallbackQuery',
      '/bot123:TEST/sendDocument',
      '/bot123:TEST/setMyCommands',
    ]);
  });

  it("turns Telegram's refusal into a GrammyError and a missing or broken answer into an HttpError", async () => {
    const { api } = apiWith({ timeoutSeconds: 0.3 });
    standIn.answer = (_req, res) =>
      res.end(JSON.stringify({ ok: false, error_code: 400, description: 'Bad Request: message is not modified' }));
    const refused = await api.editMessageText(5, 9, 'тот же текст').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GrammyError);
    expect(refused).toMatchObject({ error_code: 400, method: 'editMessageText', description: 'Bad Request: message is not modified' });

    standIn.answer = (_req, res) => res.writeHead(502).end('<html>Bad Gateway</html>');
    const broken = await api.sendMessage(5, 'x').catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(HttpError);
    expect((broken as Error).message).toContain('sendMessage');

    standIn.answer = (req) => req.socket.destroy();
    await expect(api.deleteMessage(5, 9)).rejects.toBeInstanceOf(HttpError);

    standIn.answer = () => {}; // never answers
    const late = await api.sendMessage(5, 'x').catch((e: unknown) => e);
    expect(late).toBeInstanceOf(HttpError);
    expect(((late as HttpError).error as Error).name).toBe('TimeoutError');
  });
});
