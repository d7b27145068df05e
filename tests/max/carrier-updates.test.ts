import { describe, expect, it } from 'vitest';
import { createMessageMemory, messageNumberOf, telegramUpdateOf, type MaxUpdate } from '../../src/max/carrier/index.js';

const person = { user_id: 501, first_name: 'Анна', last_name: 'Петрова', name: 'Анна Петрова', username: null };
const message = (body: Record<string, unknown>, recipient: Record<string, unknown> = { chat_id: 1_000_501, chat_type: 'dialog' }) => ({
  sender: person,
  recipient,
  timestamp: 1_790_000_000_000,
  body: { mid: 'mid.user.1', text: null, attachments: [], ...body },
});

describe('MAX updates as the Telegram updates the flows read', () => {
  const memory = createMessageMemory(null);
  const of = (u: Partial<MaxUpdate>) =>
    telegramUpdateOf({ timestamp: 1_790_000_000_000, update_type: 'message_created', ...u } as MaxUpdate, 7, memory);

  it('a command gets its entity; a deep link becomes /start with the code; the language comes along', () => {
    const typed = of({ message: message({ text: '/start ABCD2345' }), user_locale: 'ru-RU' });
    expect(typed!.message!.text).toBe('/start ABCD2345');
    expect(typed!.message!.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    expect(typed!.message!.from).toMatchObject({ id: 501, first_name: 'Анна', language_code: 'ru' });
    expect(typed!.message!.chat).toMatchObject({ id: 1_000_501, type: 'private' });
    const started = of({ update_type: 'bot_started', chat_id: 1_000_501, user: person, payload: 'ABCD2345' });
    expect(started!.message!.text).toBe('/start ABCD2345');
    expect(of({ update_type: 'bot_started', chat_id: 1_000_501, user: person, payload: null })!.message!.text).toBe('/start');
  });

  it('a press carries its payload and the number of the message at the update root, which an edit then finds', async () => {
    const pressed = of({
      update_type: 'message_callback',
      callback: { callback_id: 'cb.9', payload: 'x:1', user: person },
      message: { ...message({ mid: 'mid.bot.5', text: 'Экран' }), sender: { user_id: 1, name: 'bot', is_bot: true } as never },
    });
    expect(pressed!.callback_query).toMatchObject({ id: 'cb.9', data: 'x:1', from: { id: 501 } });
    expect(pressed!.callback_query!.message!.message_id).toBe(messageNumberOf('mid.bot.5'));
    expect(await memory.recall(messageNumberOf('mid.bot.5'))).toMatchObject({ mid: 'mid.bot.5', chatId: 1_000_501 });
  });

  it('a file becomes a document whose id is its address; a picture alone still reaches the flows (their fallback answers)', () => {
    const file = of({
      message: message({
        attachments: [{ type: 'file', filename: 'ktp.xlsx', size: 12, payload: { url: 'https://files.example/1', token: 't1' } }],
      }),
    });
    expect(file!.message!.document).toEqual({
      file_id: 'https://files.example/1',
      file_unique_id: 't1',
      file_name: 'ktp.xlsx',
      file_size: 12,
    });
    const picture = of({ message: message({ attachments: [{ type: 'image', payload: { url: 'https://files.example/2' } }] }) });
    expect(picture!.message!.text).toBeUndefined();
    expect(picture!.message!.document).toBeUndefined();
  });

  it('group chats, bots, stopped dialogs and unknown kinds reach no flow', () => {
    expect(of({ message: message({ text: 'Привет' }, { chat_id: -5, chat_type: 'chat' }) })).toBeNull();
    expect(of({ message: { ...message({ text: 'Привет' }), sender: { ...person, is_bot: true } } as never })).toBeNull();
    expect(of({ update_type: 'bot_stopped', chat_id: 1_000_501, user: person })).toBeNull();
    expect(of({ update_type: 'message_edited', message: message({ text: 'x' }) })).toBeNull();
  });
});
