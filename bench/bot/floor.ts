/**
 * The bot benchmark's floor: a bare Fastify route that parses the same updates as the product's
 * webhook and runs the same statements in the same transactions (identification and the chat's
 * stored state read together, then the journal service's reads and saves), draws the same
 * screens and makes the same Bot API calls with plain fetch, answering a button press in the
 * webhook reply as the product does. No grammY, no middleware: what the flow costs at the least
 * on this machine. An attendance tap reads and writes nothing, as in the product.
 *
 * Run as a process of its own by the bot benchmark (environment as the web role's).
 */
import { Agent, request } from 'node:http';
import type { Update } from 'grammy/types';
import { WEBHOOK_PATH } from '../../src/bot/transport.js';
import { readAttendanceKeyboard } from '../../src/bot/features/teacher/attendance-keyboard.js';
import { decodeDraft, PATTERNS } from '../../src/bot/features/teacher/callback-data.js';
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
  type Screen,
} from './screens.js';
import { startTargetProcess } from './target-process.js';

await startTargetProcess(({ http, services, store, clock, token, apiRoot, secret }) => {
  const agent = new Agent({ keepAlive: true, maxSockets: 100 });
  const api = new URL(apiRoot);
  /** A Bot API call: one JSON request on a kept-alive socket. */
  const call = (method: string, payload: Record<string, unknown>) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify(payload);
      const req = request(
        {
          host: api.hostname,
          port: api.port,
          path: `/bot${token}/${method}`,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean }).ok ? resolve() : reject(new Error(`${method} refused`)),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const show = (chatId: number, screen: Screen, messageId?: number) =>
    call(messageId === undefined ? 'sendMessage' : 'editMessageText', {
      chat_id: chatId,
      ...(messageId === undefined ? {} : { message_id: messageId }),
      parse_mode: 'HTML',
      ...screen,
    });

  /** One update; what it returns rides on the webhook answer. */
  const handle = async (update: Update): Promise<Record<string, unknown> | null> => {
    const query = update.callback_query;
    const chatId = query?.message?.chat.id ?? update.message?.chat.id;
    const fromId = query?.from.id ?? update.message?.from.id;
    if (chatId === undefined || fromId === undefined) return null;
    const data = query?.data ?? '';
    const answer = query ? { method: 'answerCallbackQuery', callback_query_id: query.id } : null;
    if (query?.message && PATTERNS.attendanceToggle.test(data)) {
      const read = 'reply_markup' in query.message ? readAttendanceKeyboard(query.message.reply_markup, data) : null;
      if (read && !read.repeat) {
        const statuses = read.draft.statuses.map((s, i) => (i === read.index ? nextStatus(s) : s));
        await call('editMessageReplyMarkup', {
          chat_id: chatId,
          message_id: query.message.message_id,
          reply_markup: attendanceScreen({ ...read.draft, title: '' }, statuses).reply_markup,
        });
      }
      return answer;
    }
    // What the product reads on every other update: who is writing (with the language chosen
    // before linking) and, beside it, the chat's conversation state.
    const [{ users }] = await Promise.all([services.access.identifyChat(fromId), store.read(`conversation:${chatId}`)]);
    const principal = teacherPrincipal(users);
    const timezone = users[0]!.timezone;
    const messageId = query?.message?.message_id;
    let m: RegExpExecArray | null;
    if (update.message?.text === 'Сегодня') {
      await show(chatId, dayScreen(await services.journal.lessonsForDay(principal, localDateOf(clock.now(), timezone)), timezone));
    } else if ((m = PATTERNS.card.exec(data))) {
      await show(chatId, cardScreen(await services.journal.getLesson(principal, Number(m[1])), users, timezone));
    } else if ((m = PATTERNS.attendanceOpen.exec(data))) {
      const view = await services.journal.getLesson(principal, Number(m[1]));
      await show(chatId, attendanceScreen(rosterOf(view), savedStatuses(view)), messageId);
    } else if ((m = PATTERNS.attendanceSave.exec(data))) {
      const [, id, draft, hash] = m;
      const { lesson } = await services.journal.updateAttendance(principal, Number(id), (view) => {
        const statuses = rosterOf(view).hash === hash ? decodeDraft(draft!, view.students.length) : null;
        if (!statuses) throw new Error('the roster changed since the keyboard was drawn');
        return marksOf(view, statuses);
      });
      await show(chatId, cardScreen(lesson, users, timezone, savedBanner(false)), messageId);
    } else if ((m = PATTERNS.allPresent.exec(data))) {
      const { lesson } = await services.journal.updateAttendance(principal, Number(m[1]), () => ({ allPresent: true }));
      await show(chatId, cardScreen(lesson, users, timezone, savedBanner(true)), messageId);
    }
    return answer;
  };

  http.post(WEBHOOK_PATH, async (req, reply) => {
    if (req.headers['x-telegram-bot-api-secret-token'] !== secret) return reply.code(401).send();
    const answer = await handle(req.body as Update);
    return answer ? reply.send(answer) : reply.send('');
  });
});
