import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Keyboard } from '@maxhub/max-bot-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMaxStandIn, MAX_STAND_IN_PORT, type MaxStandIn, startMaxStandInServer } from '../../src/dev/max-stand-in/index.js';
import { createMaxApi } from '../../src/max/index.js';

const { button } = Keyboard;
const run = promisify(execFile);
type Api = ReturnType<typeof createMaxApi>;
type Update = Awaited<ReturnType<Api['getUpdates']>>['updates'][number];
/** MAX's answer takes a `notification` (a toast); the SDK 0.3.1 types leave it out but send it. */
const toast = (notification: string, message?: { text: string; attachments?: [] }) => ({ notification, ...(message ? { message } : {}) });

/**
 * A tiny bot on the SDK, long polling the stand-in: it greets a start with a keyboard, echoes
 * text (and sends a file for «отчёт»), and answers a press by replacing the message.
 */
function fakeBot(api: Api, reportPath: string) {
  let running = true;
  async function handle(u: Update) {
    if (u.update_type === 'bot_started') {
      await api.sendMessageToChat(u.chat_id, `Код <b>${u.payload ?? '—'}</b> принят.\nЯзык?`, {
        format: 'html',
        attachments: [
          Keyboard.inlineKeyboard([
            [button.callback('English', 'lang:en'), button.message('Понятно')],
            [button.link('Сайт', 'https://example.org')],
          ]),
        ],
      });
    } else if (u.update_type === 'message_created') {
      const chat = u.message.recipient.chat_id!;
      const text = u.message.body.text ?? '';
      if (text === 'отчёт') {
        const file = await api.uploadFile({ source: reportPath });
        await api.sendMessageToChat(chat, 'Ваш отчёт', { attachments: [file.toJson()] });
      } else await api.sendMessageToChat(chat, `Вы написали: ${text}`);
    } else if (u.update_type === 'message_callback') {
      await api.answerOnCallback(u.callback.callback_id, toast('Сохранено', { text: `Выбрано: ${u.callback.payload}`, attachments: [] }));
    }
  }
  const loop = (async () => {
    let marker: number | undefined;
    while (running) {
      const batch = await api.getUpdates([], { timeout: 1, ...(marker ? { marker } : {}) }).catch(() => null);
      if (!batch) break;
      marker = batch.marker ?? marker;
      for (const u of batch.updates) await handle(u);
    }
  })();
  return async () => {
    running = false;
    await loop;
  };
}

describe('MAX stand-in: the person side and the demo script', () => {
  let standIn: MaxStandIn;
  let api: Api;
  beforeEach(async () => {
    standIn = createMaxStandIn({ personRoutes: true });
    await standIn.start();
    api = createMaxApi({ token: standIn.token, apiRoot: standIn.url });
  });
  afterEach(() => standIn.stop());

  const post = (path: string, body: unknown) =>
    fetch(`${standIn.url}/_person/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const listed = async (user: number) =>
    (await (await fetch(`${standIn.url}/_person/messages?user=${user}`)).json()) as {
      chat_id: number;
      messages: { mid: string; text: string; buttons: unknown[][]; files: { filename: string | null; size: number | null }[] }[];
    };

  it('a person starts the bot, writes, presses and taps over HTTP; the bot reads each as MAX sends it', async () => {
    expect((await post('start', { user: 1001, payload: 'ACDE-FGHJ' })).status).toBe(200);
    expect((await post('say', { user: 1001, text: 'привет' })).status).toBe(200);
    const first = await api.getUpdates([], { timeout: 1 });
    expect(first.updates).toMatchObject([
      { update_type: 'bot_started', payload: 'ACDE-FGHJ', chat_id: 1_001_001, user: { user_id: 1001 } },
      { update_type: 'message_created', message: { body: { text: 'привет' } } },
    ]);

    const old = await api.sendMessageToChat(1_001_001, 'старое', { attachments: [Keyboard.inlineKeyboard([[button.callback('A', 'a')]])] });
    const sent = await api.sendMessageToChat(1_001_001, 'новое', {
      attachments: [Keyboard.inlineKeyboard([[button.callback('A', 'a'), button.message('Понятно')]])],
    });
    // Pressed by payload alone: the newest message that has the button.
    const press = await post('press', { user: 1001, payload: 'a' });
    const pressed = (await press.json()) as { callback_id: string; mid: string };
    expect(pressed.mid).toBe(sent.body.mid);
    expect((await post('press', { user: 1001, payload: 'a', mid: old.body.mid })).status).toBe(200);
    expect((await post('tap', { user: 1001, text: 'Понятно' })).status).toBe(200);
    // What is not on any message is refused, with the reason.
    const refused = await post('press', { user: 1001, payload: 'b' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toMatch(/callback button/);
    expect((await post('tap', { user: 1001, text: 'Другое', mid: sent.body.mid })).status).toBe(409);
    expect((await post('say', { user: 'x', text: 'a' })).status).toBe(400);

    const second = await api.getUpdates([], { timeout: 1, marker: first.marker });
    expect(second.updates).toMatchObject([
      {
        update_type: 'message_callback',
        callback: { callback_id: pressed.callback_id, payload: 'a' },
        message: { body: { mid: sent.body.mid } },
      },
      { update_type: 'message_callback', message: { body: { mid: old.body.mid } } },
      { update_type: 'message_created', message: { body: { text: 'Понятно' } } },
    ]);
    const answer = async () => (await fetch(`${standIn.url}/_person/answer?callback_id=${pressed.callback_id}`)).json();
    expect(await answer()).toEqual({ answered: false, notification: null });
    await api.answerOnCallback(pressed.callback_id, toast('Готово'));
    expect(await answer()).toEqual({ answered: true, notification: 'Готово' });
    // The person's calls are not the bot's: not in the record of calls.
    expect(standIn.calls.some((c) => c.path.startsWith('/_person'))).toBe(false);
  });

  it('lists what the bot sent the person: text, buttons and files with their name and size', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'max-person-'));
    try {
      const path = join(dir, 'Отчёт-7А.pdf');
      const content = '%PDF-1.4 сорок один байт отчёта';
      await writeFile(path, content);
      standIn.user(1002);
      const file = await api.uploadFile({ source: path });
      await api.sendMessageToUser(1002, 'Отчёт', { attachments: [file.toJson(), Keyboard.inlineKeyboard([[button.message('Спасибо')]])] });
      const { chat_id, messages } = await listed(1002);
      expect(chat_id).toBe(1_001_002);
      expect(messages).toMatchObject([
        {
          text: 'Отчёт',
          buttons: [[{ type: 'message', text: 'Спасибо' }]],
          files: [{ filename: 'Отчёт-7А.pdf', size: Buffer.byteLength(content) }],
        },
      ]);
      expect((await listed(1003)).messages).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('has no person side unless asked; the demo server starts on the fixed port with it', async () => {
    const plain = createMaxStandIn();
    await plain.start();
    try {
      expect((await fetch(`${plain.url}/_person/messages?user=1`)).status).toBe(401);
    } finally {
      await plain.stop();
    }
    expect(MAX_STAND_IN_PORT).toBe(9002);
    const demo = await startMaxStandInServer({ port: 0 });
    try {
      expect(demo.url).not.toMatch(/:0$/);
      expect((await fetch(`${demo.url}/_person/messages?user=1`)).status).toBe(200);
    } finally {
      await demo.stop();
    }
  });

  it('scripts/demo-max-chat.ts talks to a bot as a MAX user and prints its answers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'max-demo-'));
    const reportPath = join(dir, 'report.pdf');
    await writeFile(reportPath, 'report bytes');
    const stopBot = fakeBot(api, reportPath);
    const port = new URL(standIn.url).port;
    const demo = async (...args: string[]) =>
      run(process.execPath, [
        '--import',
        'tsx',
        'scripts/demo-max-chat.ts',
        '--port',
        port,
        '--user',
        '1001',
        '--wait',
        '700',
        ...args,
      ]).then(
        (r) => ({ ...r, code: 0 }),
        (e: { stdout: string; stderr: string; code: number }) => e,
      );
    try {
      const started = await demo('/start ACDE-FGHJ');
      expect(started.stdout).toMatch(/\[bot, message mid\.\d+\]\nКод ACDE-FGHJ принят\.\nЯзык\?\n/);
      expect(started.stdout).toContain('(English → --press lang:en) [Понятно → --tap "Понятно"]');
      expect(started.stdout).toContain('(Сайт → https://example.org)');

      const typed = await demo('--typed', '/start ACDE-FGHJ');
      expect(typed.stdout).toContain('Вы написали: /start ACDE-FGHJ');

      const pressed = await demo('--press', 'lang:en');
      expect(pressed.stdout).toMatch(/\[bot, message mid\.\d+, edited\]\nВыбрано: lang:en\n/);
      expect(pressed.stdout).toContain('[bot, notification]\nСохранено');

      // The answer replaced the message and, with an empty attachments list, its keyboard: «Понятно» is gone.
      const gone = await demo('--tap', 'Понятно');
      expect(gone.code).toBe(1);
      expect(gone.stderr).toMatch(/refused: .*message button/);

      const report = await demo('отчёт');
      expect(report.stdout).toContain('Ваш отчёт\n  file: report.pdf, 12 bytes');

      const list = await demo('--list');
      // The greeting (now edited), the echo and the report, as they are now.
      expect(list.stdout.match(/\[bot, message /g)).toHaveLength(3);
      expect(list.stdout).toContain('Выбрано: lang:en');
      expect(list.stdout).not.toContain('Язык?');
    } finally {
      await stopBot();
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
