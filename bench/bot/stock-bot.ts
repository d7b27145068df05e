/**
 * The bot benchmark's stock grammY bot: the teacher's attendance flow as a team would first write
 * it with grammY, on the same database and domain services as the product. grammY's `session()`
 * and @grammyjs/conversations keep their state in the product's bot session table (keys of their
 * own), `webhookCallback(bot, 'fastify')` takes the updates, grammY's own API client makes the
 * Bot API calls, and the attendance keyboard is a conversation (one wait per tap, the draft in the
 * conversation's replay log). It draws the same screens and buttons as the product (screens.ts),
 * so the simulated teachers press the same data. Benchmark code only: never part of src/.
 *
 * Run as a process of its own by the bot benchmark (environment as the web role's).
 */
import { conversations, createConversation, type Conversation, type ConversationFlavor } from '@grammyjs/conversations';
import { Bot, type Context, session, type SessionFlavor, type StorageAdapter, webhookCallback } from 'grammy';
import { WEBHOOK_PATH } from '../../src/bot/transport.js';
import { PATTERNS } from '../../src/bot/features/teacher/callback-data.js';
import type { LinkedUser } from '../../src/domain/access/types.js';
import type { AttendanceStatus } from '../../src/domain/lessons/types.js';
import { localDateOf } from '../../src/domain/shared/dates.js';
import {
  attendanceScreen,
  cardScreen,
  dayScreen,
  marksOf,
  nextStatus,
  rosterOf,
  savedBanner,
  savedStatuses,
  teacherPrincipal,
  type Roster,
} from './screens.js';
import { startTargetProcess } from './target-process.js';

interface SessionData {
  lessonId?: number;
}
type StockContext = ConversationFlavor<Context & SessionFlavor<SessionData> & { users: LinkedUser[] }>;

await startTargetProcess(async ({ http, services, store, clock, token, apiRoot, secret }) => {
  /** grammY storage adapters over the product's key-value store (bot_sessions), under keys of their own. */
  const under = <T>(prefix: string): StorageAdapter<T> => ({
    read: async (key) => (await store.read(prefix + key)) as T | undefined,
    write: (key, value) => store.write(prefix + key, value),
    delete: (key) => store.delete(prefix + key),
  });

  const bot = new Bot<StockContext>(token, { client: { apiRoot } });
  await bot.init();
  bot.use(session({ initial: (): SessionData => ({}), storage: under<SessionData>('stock-session:') }));
  bot.use(async (ctx, next) => {
    ctx.users = ctx.from ? await services.access.identify(ctx.from.id) : [];
    await next();
  });
  bot.use(conversations({ storage: { type: 'key', prefix: 'stock-conversation:', adapter: under('') } }));

  /** «Отметить»: the attendance keyboard; each tap waits in the conversation, «Сохранить» saves and ends it. */
  async function attendance(conversation: Conversation<StockContext, Context>, ctx: Context, lessonId: number) {
    const opened = await conversation.external(async (outer: StockContext) => {
      const view = await services.journal.getLesson(teacherPrincipal(outer.users), lessonId);
      return { roster: rosterOf(view), statuses: savedStatuses(view) };
    });
    const roster: Roster = opened.roster;
    const statuses: AttendanceStatus[] = opened.statuses;
    const shown = attendanceScreen(roster, statuses);
    await ctx.editMessageText(shown.text, { parse_mode: 'HTML', reply_markup: shown.reply_markup });
    await ctx.answerCallbackQuery();
    for (;;) {
      const press = await conversation.waitForCallbackQuery([PATTERNS.attendanceToggle, PATTERNS.attendanceSave]);
      const tap = PATTERNS.attendanceToggle.exec(press.callbackQuery.data);
      if (tap) {
        const i = Number(tap[2]);
        statuses[i] = nextStatus(statuses[i]!);
        await press.editMessageReplyMarkup({ reply_markup: attendanceScreen(roster, statuses).reply_markup });
        await press.answerCallbackQuery();
        continue;
      }
      const card = await conversation.external(async (outer: StockContext) => {
        const { lesson } = await services.journal.updateAttendance(teacherPrincipal(outer.users), lessonId, (view) =>
          marksOf(view, statuses),
        );
        return cardScreen(lesson, outer.users, outer.users[0]!.timezone, savedBanner(false));
      });
      await press.editMessageText(card.text, { parse_mode: 'HTML', reply_markup: card.reply_markup });
      await press.answerCallbackQuery();
      return;
    }
  }
  bot.use(createConversation(attendance, 'attendance'));

  bot.hears('Сегодня', async (ctx) => {
    const timezone = ctx.users[0]!.timezone;
    const day = dayScreen(await services.journal.lessonsForDay(teacherPrincipal(ctx.users), localDateOf(clock.now(), timezone)), timezone);
    await ctx.reply(day.text, { parse_mode: 'HTML', reply_markup: day.reply_markup });
  });
  bot.callbackQuery(PATTERNS.card, async (ctx) => {
    const lessonId = Number(ctx.match[1]);
    ctx.session.lessonId = lessonId;
    const card = cardScreen(await services.journal.getLesson(teacherPrincipal(ctx.users), lessonId), ctx.users, ctx.users[0]!.timezone);
    await ctx.reply(card.text, { parse_mode: 'HTML', reply_markup: card.reply_markup });
    await ctx.answerCallbackQuery();
  });
  bot.callbackQuery(PATTERNS.attendanceOpen, (ctx) => ctx.conversation.enter('attendance', Number(ctx.match[1])));
  bot.callbackQuery(PATTERNS.allPresent, async (ctx) => {
    const { lesson } = await services.journal.updateAttendance(teacherPrincipal(ctx.users), Number(ctx.match[1]), () => ({
      allPresent: true,
    }));
    const card = cardScreen(lesson, ctx.users, ctx.users[0]!.timezone, savedBanner(true));
    await ctx.editMessageText(card.text, { parse_mode: 'HTML', reply_markup: card.reply_markup });
    await ctx.answerCallbackQuery();
  });

  http.post(WEBHOOK_PATH, webhookCallback(bot, 'fastify', { secretToken: secret }));
});
