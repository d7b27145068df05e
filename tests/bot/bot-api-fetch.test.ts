import { getEventListeners } from 'node:events';
import { Readable } from 'node:stream';
import { Api } from 'grammy';
import { describe, expect, it } from 'vitest';
import { botApiFetch } from '../../src/telegram/bot-api-fetch.js';
import { createTelegramChannel, telegramApiOf } from '../../src/notifications/channels/telegram-channel.js';
import { useBotApiStandIn, type Answer } from '../helpers/bot-api-stand-in.js';

/** A Bot API stand-in that records what arrived: method, headers, body, and which socket it came on. */
describe('the Bot API fetch', () => {
  const standIn = useBotApiStandIn();

  it('carries grammY calls as JSON on one kept-alive socket and hands back the answer', async () => {
    standIn.seen.length = 0;
    standIn.answer = (_req, res) =>
      res.end(JSON.stringify({ ok: true, result: { message_id: 7, date: 1, chat: { id: 5, type: 'private' }, text: 'Привет' } }));
    const api = new Api('123:TEST', { apiRoot: standIn.root, fetch: botApiFetch as never });
    const sent = await api.sendMessage(5, 'Привет, <b>мир</b>');
    await api.sendMessage(5, 'ещё');
    expect(sent.message_id).toBe(7);
    expect(standIn.seen.map((s) => s.url)).toEqual(['/bot123:TEST/sendMessage', '/bot123:TEST/sendMessage']);
    expect(JSON.parse(standIn.seen[0]!.body)).toEqual({ chat_id: 5, text: 'Привет, <b>мир</b>' });
    expect(Number(standIn.seen[0]!.headers['content-length'])).toBe(Buffer.byteLength(standIn.seen[0]!.body));
    expect(standIn.seen[0]!.headers['content-type']).toBe('application/json');
    expect(standIn.seen[1]!.port).toBe(standIn.seen[0]!.port);
  });

  it("turns Telegram's refusal into grammY's error and a body that is not JSON into a failed call", async () => {
    const api = new Api('123:TEST', { apiRoot: standIn.root, fetch: botApiFetch as never });
    standIn.answer = (_req, res) =>
      res.end(
        JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } }),
      );
    await expect(api.sendMessage(5, 'x')).rejects.toMatchObject({ error_code: 429, parameters: { retry_after: 3 } });
    standIn.answer = (_req, res) => res.writeHead(502).end('<html>Bad Gateway</html>');
    await expect(api.sendMessage(5, 'x')).rejects.toThrow(/sendMessage/);
  });

  it('streams a multipart body and stops when the signal aborts', async () => {
    standIn.seen.length = 0;
    standIn.answer = (_req, res) => res.end(JSON.stringify({ ok: true, result: true }));
    const res = await botApiFetch(`${standIn.root}/bot1:T/sendDocument`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body: Readable.from([Buffer.from('--b\r\npart'), Buffer.from('\r\n--b--')]),
    });
    expect(await res.json()).toEqual({ ok: true, result: true });
    expect(standIn.seen[0]!.body).toBe('--b\r\npart\r\n--b--');
    expect(standIn.seen[0]!.headers['transfer-encoding']).toBe('chunked');

    standIn.answer = () => {}; // never answers
    const controller = new AbortController();
    const pending = botApiFetch(`${standIn.root}/bot1:T/getMe`, { method: 'POST', body: '{}', signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('leaves no listener on the signal of a finished call, and sends nothing once aborted', async () => {
    standIn.seen.length = 0;
    standIn.answer = (_req, res) => res.end(JSON.stringify({ ok: true, result: true }));
    const controller = new AbortController();
    // grammY hands every call a signal for its timeout; a kept listener would pile up per call.
    for (let i = 0; i < 3; i++)
      await (await botApiFetch(`${standIn.root}/bot1:T/getMe`, { method: 'POST', body: '{}', signal: controller.signal })).json();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(standIn.seen).toHaveLength(3);
    controller.abort();
    await expect(
      botApiFetch(`${standIn.root}/bot1:T/getMe`, { method: 'POST', body: '{}', signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((r) => setTimeout(r, 20));
    expect(standIn.seen).toHaveLength(3);
  });

  it('sends a call again on a fresh socket when the kept-alive one was closed under it, but not a call on a fresh socket', async () => {
    standIn.seen.length = 0;
    const ok: Answer = (_req, res) => res.end(JSON.stringify({ ok: true, result: true }));
    standIn.answer = ok;
    await (await botApiFetch(`${standIn.root}/bot1:T/getMe`, { method: 'POST', body: '{}' })).json();
    // The server drops the kept-alive socket as the next request arrives on it (its idle
    // timeout and our reuse crossing), then answers normally on a new one.
    let dropped = 0;
    standIn.answer = (req, res) => {
      if (dropped++ === 0) req.socket.destroy();
      else ok(req, res);
    };
    const res = await botApiFetch(`${standIn.root}/bot1:T/editMessageText`, {
      method: 'POST',
      body: '{"chat_id":5,"message_id":1,"text":"x"}',
    });
    expect(await res.json()).toEqual({ ok: true, result: true });
    expect(standIn.seen.map((s) => s.url)).toEqual(['/bot1:T/getMe', '/bot1:T/editMessageText', '/bot1:T/editMessageText']);
    expect(standIn.seen[2]!.port).not.toBe(standIn.seen[1]!.port);

    // A socket opened for this very call that fails is a real failure: reported, not retried.
    standIn.server.closeAllConnections();
    await new Promise((r) => setTimeout(r, 20));
    standIn.seen.length = 0;
    standIn.answer = (req) => req.socket.destroy();
    await expect(
      botApiFetch(`${standIn.root}/bot1:T/sendMessage`, { method: 'POST', body: '{"chat_id":5,"text":"x"}' }),
    ).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(standIn.seen).toHaveLength(1);
  });

  it("serves the delivery worker too: a notice survives a kept-alive socket closed under it, and Telegram's answers keep their meaning", async () => {
    const channel = createTelegramChannel(telegramApiOf({ token: '1:T', apiRoot: standIn.root }));
    const msg = (html: string) => ({ subject: 'x', text: html, html });
    const sent: Answer = (_req, res) =>
      res.end(JSON.stringify({ ok: true, result: { message_id: 41, date: 1, chat: { id: 5, type: 'private' }, text: 'x' } }));
    standIn.server.closeAllConnections();
    standIn.seen.length = 0;
    standIn.answer = sent;
    expect(await channel.send(5, msg('Первое'))).toEqual({ messageId: 41 });
    let dropped = 0;
    standIn.answer = (req, res) => {
      if (dropped++ === 0) req.socket.destroy();
      else sent(req, res);
    };
    expect(await channel.send(5, msg('Второе'))).toEqual({ messageId: 41 });
    expect(standIn.seen.map((s) => s.url)).toEqual(['/bot1:T/sendMessage', '/bot1:T/sendMessage', '/bot1:T/sendMessage']);
    expect(JSON.parse(standIn.seen[2]!.body)).toMatchObject({ chat_id: 5, text: 'Второе', parse_mode: 'HTML' });

    const refusal = (code: number, description: string, parameters?: object) => (_req: unknown, res: { end(s: string): void }) =>
      res.end(JSON.stringify({ ok: false, error_code: code, description, parameters }));
    standIn.answer = refusal(429, 'Too Many Requests: retry after 3', { retry_after: 3 });
    await expect(channel.send(5, msg('x'))).rejects.toMatchObject({ failure: 'rate_limited', retryAfterMs: 3000 });
    standIn.answer = refusal(403, 'Forbidden: bot was blocked by the user');
    await expect(channel.send(5, msg('x'))).rejects.toMatchObject({ failure: 'unreachable' });
    standIn.answer = refusal(502, 'Bad Gateway');
    await expect(channel.edit(5, 41, msg('x'))).rejects.toMatchObject({ failure: 'transient' });
    standIn.answer = (req) => req.socket.destroy();
    standIn.server.closeAllConnections();
    await expect(channel.send(5, msg('x'))).rejects.toMatchObject({ failure: 'transient' });
  });
});
