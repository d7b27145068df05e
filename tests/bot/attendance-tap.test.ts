import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/index.js';
import { attendanceKeyboard, readAttendanceKeyboard, type AttendanceDraft } from '../../src/bot/features/teacher/attendance-keyboard.js';
import { cb, encodeDraft, rosterHash } from '../../src/bot/features/teacher/callback-data.js';
import { teacherFeatures, teacherStatelessFeatures } from '../../src/bot/features/teacher/index.js';
import { deriveWebhookSecret, WEBHOOK_PATH, webhookExtension } from '../../src/bot/transport.js';
import { translator } from '../../src/i18n/index.js';
import { createLogger } from '../../src/logger.js';
import { FAST_PATH } from '../helpers/fast-path.js';

const draft: AttendanceDraft = {
  lessonId: 4711,
  names: ['Абрамова А.', 'Ёлкин Е.', 'Иванов И.'],
  statuses: ['present', 'absent', 'present'],
  hash: rosterHash([11, 12, 13]),
};
const keyboardOf = (locale: 'ru' | 'en', d = draft) => attendanceKeyboard(translator(locale), d).inline_keyboard;
const toggle = (i: number, d = draft) => cb.attendanceToggle(d.lessonId, i, encodeDraft(d.statuses), d.hash);

describe('attendance keyboard read back from the message', () => {
  it('reads its own drawing in either language, and the count is on «Сохранить»', () => {
    for (const locale of ['ru', 'en'] as const) {
      const read = readAttendanceKeyboard({ inline_keyboard: keyboardOf(locale) }, toggle(2));
      expect(read).toEqual({ draft, index: 2, locale, repeat: false });
    }
    expect(keyboardOf('ru').map((row) => row.map((b) => b.text))).toEqual([
      ['Абрамова А. ✓', 'Ёлкин Е. н'],
      ['Иванов И. ✓'],
      ['💾 Сохранить: 1 отметка'],
      ['✅ Все присутствуют', '‹ Назад'],
    ]);
    // An even class leaves no empty row (Telegram has no use for one).
    const even = keyboardOf('ru', { ...draft, names: draft.names.slice(0, 2), statuses: draft.statuses.slice(0, 2) });
    expect(even.map((row) => row.length)).toEqual([2, 1, 2]);
    expect(
      keyboardOf('en')
        .flat()
        .find((b) => 'callback_data' in b && b.callback_data.startsWith('s1:'))!.text,
    ).toBe('💾 Save: 1 mark');
  });

  it('refuses anything it did not draw exactly: the caller then re-reads the lesson', () => {
    const kb = keyboardOf('ru');
    const edited = (f: (rows: typeof kb) => void) => {
      const copy = structuredClone(kb);
      f(copy);
      return { inline_keyboard: copy };
    };
    const cases: [string, Parameters<typeof readAttendanceKeyboard>[0], string][] = [
      ['no keyboard on the message', undefined, toggle(0)],
      ['data of another lesson', { inline_keyboard: kb }, toggle(0, { ...draft, lessonId: 4712 })],
      ['data of another roster', { inline_keyboard: kb }, toggle(0, { ...draft, hash: rosterHash([11, 12, 14]) })],
      [
        'an index past the roster',
        { inline_keyboard: kb },
        cb.attendanceToggle(draft.lessonId, 3, encodeDraft(draft.statuses), draft.hash),
      ],
      [
        'a relabelled student',
        edited((k) => {
          k[0]![0]!.text = 'Кто-то Другой ✓ н';
        }),
        toggle(0),
      ],
      [
        'a label that does not match the draft',
        edited((k) => {
          k[0]![0]!.text = 'Абрамова А. б';
        }),
        toggle(0),
      ],
      [
        'a button added',
        edited((k) => {
          k.push([{ text: 'x', callback_data: 'x' }]);
        }),
        toggle(0),
      ],
      [
        'a save count that does not match',
        edited((k) => {
          k[2]![0]!.text = '💾 Сохранить: все присутствуют';
        }),
        toggle(0),
      ],
      ['not a toggle', { inline_keyboard: kb }, cb.attendanceSave(draft.lessonId, encodeDraft(draft.statuses), draft.hash)],
    ];
    for (const [why, markup, pressed] of cases) expect(readAttendanceKeyboard(markup, pressed), why).toBeNull();
  });

  it('applies a tap to the draft the message shows now: quick taps on two students both count, a repeated press once', () => {
    // The phone still shows the keyboard before Ёлкин's tap was redrawn; the message already has it.
    const before: AttendanceDraft = { ...draft, statuses: ['present', 'present', 'present'] };
    const now = { inline_keyboard: keyboardOf('ru') };
    const otherStudent = readAttendanceKeyboard(now, toggle(2, before));
    expect(otherStudent).toEqual({ draft, index: 2, locale: 'ru', repeat: false });
    const sameStudentAgain = readAttendanceKeyboard(now, toggle(1, before));
    expect(sameStudentAgain).toMatchObject({ draft, index: 1, repeat: true });
  });
});

describe('attendance tap without storage', () => {
  const broken = (what: string) => async () => {
    throw new Error(`${what} is down`);
  };
  /** The real bot in webhook mode whose database is unreachable: any read or write would fail the update. */
  function offlineBot() {
    const store = { read: broken('store'), write: broken('store'), delete: broken('store') };
    const journal = new Proxy({}, { get: () => broken('journal') }) as never;
    const token = '123456:TAP-TEST-TOKEN-0000000000000000000';
    const bot = createBot(
      {
        token,
        fastPath: FAST_PATH,
        botInfo: { id: 1, is_bot: true, first_name: 'Bot', username: 'test_bot' } as never,
        services: {
          access: { identifyChat: broken('access'), redeem: broken('access'), setLocale: broken('access'), logout: broken('access') },
        },
        store,
        logger: createLogger('silent'),
        rethrowUnexpected: true,
      },
      { features: teacherFeatures({ journal, schools: journal, clock: { now: () => new Date() } }), stateless: teacherStatelessFeatures() },
    );
    const calls: { method: string; payload: Record<string, unknown> }[] = [];
    // Records every call; on the fast path answers all but answerCallbackQuery, which goes on to
    // grammY's client (the webhook reply, or else a request to api.telegram.org that cannot
    // succeed here). Stock grammY has no webhook reply: every call is an ordinary one.
    bot.api.config.use(async (prev, method, payload, signal) => {
      calls.push({ method, payload: payload as Record<string, unknown> });
      return method === 'answerCallbackQuery' && FAST_PATH ? prev(method, payload, signal) : ({ ok: true, result: true } as never);
    });
    return { bot, calls, secret: deriveWebhookSecret(token) };
  }
  const tapUpdate = (data: string, markup: unknown) => ({
    update_id: 1,
    callback_query: {
      id: 'q1',
      chat_instance: 'c',
      data,
      from: { id: 77, is_bot: false, first_name: 'T' },
      message: {
        message_id: 5,
        date: 1,
        chat: { id: 77, type: 'private', first_name: 'T' },
        text: 'Математика, 5А — посещаемость',
        reply_markup: markup,
      },
    },
  });

  it('redraws the keyboard and answers in the webhook reply with the database down', async () => {
    const { bot, calls, secret } = offlineBot();
    const http = Fastify();
    await webhookExtension(bot, secret, { fastPath: FAST_PATH })(http);
    const res = await http.inject({
      method: 'POST',
      url: WEBHOOK_PATH,
      payload: tapUpdate(toggle(0), { inline_keyboard: keyboardOf('en') }),
      headers: { 'x-telegram-bot-api-secret-token': secret },
    });
    await http.close();

    expect(res.statusCode).toBe(200);
    // The spinner is stopped by the answer to the webhook itself, not by a second request
    // (fast path); stock grammY answers it with a request of its own.
    if (FAST_PATH) expect(JSON.parse(res.body)).toEqual({ method: 'answerCallbackQuery', callback_query_id: 'q1' });
    else expect(res.body).toBe('');
    expect(calls.map((c) => c.method)).toEqual(['editMessageReplyMarkup', 'answerCallbackQuery']);
    const next: AttendanceDraft = { ...draft, statuses: ['absent', 'absent', 'present'] };
    expect(calls[0]!.payload).toMatchObject({ chat_id: 77, message_id: 5, reply_markup: { inline_keyboard: keyboardOf('en', next) } });
    expect(keyboardOf('en', next).flat()[0]!.text).toBe('Абрамова А. A');
  });

  it('takes the long way for a keyboard it cannot read back, which then needs the database', async () => {
    const { bot, calls, secret } = offlineBot();
    const http = Fastify();
    await webhookExtension(bot, secret, { fastPath: FAST_PATH })(http);
    const stale = await http.inject({
      method: 'POST',
      url: WEBHOOK_PATH,
      payload: tapUpdate(toggle(0), undefined),
      headers: { 'x-telegram-bot-api-secret-token': secret },
    });
    await http.close();
    // The session read failed: Telegram is asked to redeliver, and nothing was sent.
    expect(stale.statusCode).toBe(500);
    expect(calls).toEqual([]);
  });
});
