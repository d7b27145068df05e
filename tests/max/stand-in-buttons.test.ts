import { Keyboard, type MaxError } from '@maxhub/max-bot-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMaxStandIn, type MaxStandIn } from '../../src/dev/max-stand-in/index.js';
import { createMaxApi } from '../../src/max/index.js';

const { button } = Keyboard;

/** Message buttons, presses only of what is there, and MAX's reported edit quirk, through the SDK. */
describe('MAX stand-in: buttons and edits', () => {
  let standIn: MaxStandIn;
  let api: ReturnType<typeof createMaxApi>;
  beforeEach(async () => {
    standIn = createMaxStandIn();
    await standIn.start();
    api = createMaxApi({ token: standIn.token, apiRoot: standIn.url });
  });
  afterEach(() => standIn.stop());

  const status = (p: Promise<unknown>) =>
    p.then(
      () => 200,
      (e: MaxError) => e.status,
    );

  it('a message button sends its text into the chat as the person’s own message; another text is refused', async () => {
    const p = standIn.user(601);
    const sent = await api.sendMessageToChat(p.chatId, 'Прочитали?', {
      attachments: [Keyboard.inlineKeyboard([[button.message('Понятно'), button.callback('Позже', 'later')]])],
    });
    expect(p.last()?.buttons[0]?.[0]).toEqual({ type: 'message', text: 'Понятно' });
    await p.tap(sent.body.mid, 'Понятно');
    const { updates } = await api.getUpdates([], { timeout: 1 });
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      update_type: 'message_created',
      message: { sender: { user_id: 601 }, recipient: { chat_id: p.chatId }, body: { text: 'Понятно' } },
    });
    // Not a button of the message, and a callback button's label: no client could send these by a tap.
    await expect(p.tap(sent.body.mid, 'Другое')).rejects.toThrow(/no message button/);
    await expect(p.tap(sent.body.mid, 'Позже')).rejects.toThrow(/no message button/);
    await api.deleteMessage(sent.body.mid);
    await expect(p.tap(sent.body.mid, 'Понятно')).rejects.toThrow(/deleted/);
    expect((await api.getUpdates([], { timeout: 1 })).updates).toHaveLength(0);
  });

  it('message buttons count in the same limits; unknown button types and buttons missing their field are refused', async () => {
    const p = standIn.user(602);
    const row = (n: number) => Array.from({ length: n }, (_, i) => button.message(`${i}`));
    expect(await status(api.sendMessageToChat(p.chatId, 'x', { attachments: [Keyboard.inlineKeyboard([row(7)])] }))).toBe(200);
    expect(await status(api.sendMessageToChat(p.chatId, 'x', { attachments: [Keyboard.inlineKeyboard([row(8)])] }))).toBe(400);
    const rows = Array.from({ length: 30 }, () => row(7));
    expect(await status(api.sendMessageToChat(p.chatId, 'x', { attachments: [Keyboard.inlineKeyboard(rows)] }))).toBe(200);
    const raw = (b: unknown) => ({ type: 'inline_keyboard', payload: { buttons: [[b]] } }) as never;
    expect(await status(api.sendMessageToChat(p.chatId, 'x', { attachments: [raw({ type: 'reply', text: 'A' })] }))).toBe(400);
    expect(await status(api.sendMessageToChat(p.chatId, 'x', { attachments: [raw({ type: 'callback', text: 'A' })] }))).toBe(400);
    expect(await status(api.sendMessageToChat(p.chatId, 'x', { attachments: [raw({ type: 'link', text: 'A' })] }))).toBe(400);
    expect(await status(api.sendMessageToChat(p.chatId, 'x', { attachments: [raw({ type: 'message', text: '' })] }))).toBe(400);
    expect(p.messages()).toHaveLength(2);
  });

  it('a press of a payload the message does not carry is refused unless forged', async () => {
    const p = standIn.user(603);
    const q = standIn.user(604);
    const sent = await api.sendMessageToChat(p.chatId, 'Отметить?', {
      attachments: [Keyboard.inlineKeyboard([[button.callback('Да', 'ax:1:y'), button.link('Сайт', 'https://example.org')]])],
    });
    await expect(p.press(sent.body.mid, 'ax:2:y')).rejects.toThrow(/no callback button/);
    // Another person cannot press a button of a message in someone else's dialog.
    await expect(q.press(sent.body.mid, 'ax:1:y')).rejects.toThrow(/no message/);
    await expect(p.press('mid.nothing', 'ax:1:y')).rejects.toThrow(/no message/);
    expect((await api.getUpdates([], { timeout: 1 })).updates).toHaveLength(0);

    await p.press(sent.body.mid, 'ax:2:y', { forge: true });
    await p.press(sent.body.mid, 'ax:1:y');
    const { updates } = await api.getUpdates([], { timeout: 1 });
    expect(updates.map((u) => (u as { callback: { payload: string } }).callback.payload)).toEqual(['ax:2:y', 'ax:1:y']);
    await api.deleteMessage(sent.body.mid);
    await expect(p.press(sent.body.mid, 'ax:1:y')).rejects.toThrow(/deleted/);
  });

  it('with the edit quirk on, an edit changes the text and keeps the old buttons; off, it replaces them', async () => {
    const p = standIn.user(605);
    const first = Keyboard.inlineKeyboard([[button.callback('Присутствует', 'ax:1:p')]]);
    const second = Keyboard.inlineKeyboard([[button.callback('Отсутствует', 'ax:1:a'), button.message('Понятно')]]);
    const labels = () =>
      p
        .last()
        ?.buttons.flat()
        .map((b) => b.text);

    standIn.editKeepsButtons(true);
    const a = await api.sendMessageToChat(p.chatId, 'один', { attachments: [first] });
    await api.editMessage(a.body.mid, { text: '<b>два</b>', format: 'html', attachments: [second] });
    expect(p.last()).toMatchObject({ text: '<b>два</b>', format: 'html', history: ['один'] });
    expect(labels()).toEqual(['Присутствует']);
    // The keyboard attachment the bot reads back is the old one too, and the old button still presses.
    expect(p.last()?.attachments).toEqual([first]);
    await p.press(a.body.mid, 'ax:1:p');
    await expect(p.press(a.body.mid, 'ax:1:a')).rejects.toThrow(/no callback button/);
    // The workaround reported with the quirk: delete and send again.
    await api.deleteMessage(a.body.mid);
    await api.sendMessageToChat(p.chatId, 'два', { attachments: [second] });
    expect(labels()).toEqual(['Отсутствует', 'Понятно']);

    standIn.editKeepsButtons(false);
    const b = await api.sendMessageToChat(p.chatId, 'три', { attachments: [first] });
    await api.editMessage(b.body.mid, { text: 'четыре', attachments: [second] });
    expect(p.last()?.text).toBe('четыре');
    expect(labels()).toEqual(['Отсутствует', 'Понятно']);
  });

  it('the quirk leaves a callback answer’s message alone: its keyboard replaces the old one', async () => {
    const p = standIn.user(606);
    standIn.editKeepsButtons(true);
    const sent = await api.sendMessageToChat(p.chatId, 'Вопрос', {
      attachments: [Keyboard.inlineKeyboard([[button.callback('Да', 'yes')]])],
    });
    const callbackId = await p.press(sent.body.mid, 'yes');
    await api.answerOnCallback(callbackId, {
      message: { text: 'Ответ принят', attachments: [Keyboard.inlineKeyboard([[button.callback('Изменить', 'again')]])] },
    });
    expect(p.last()?.text).toBe('Ответ принят');
    expect(
      p
        .last()
        ?.buttons.flat()
        .map((b) => b.payload),
    ).toEqual(['again']);
  });
});
