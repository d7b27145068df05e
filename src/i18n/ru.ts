import { pluralRu } from './format.js';
import { parentRu } from './parent-ru.js';
import { teacherRu } from './teacher-ru.js';
import { worktypesRu } from './worktypes-ru.js';
import { allplanRu } from './allplan-ru.js';
import { classdailyRu } from './classdaily-ru.js';
import { staffRu } from './staff-ru.js';
import { deputyRu } from './deputy-ru.js';
import { deptRu } from './dept-ru.js';
import { deptpdfRu } from './deptpdf-ru.js';
import { treportsRu } from './treports-ru.js';
import { ktpRu } from './ktp-ru.js';
import { classdocsRu } from './classdocs-ru.js';
import { classjournalRu } from './classjournal-ru.js';
import { studentRu } from './student-ru.js';
import { messengerRu } from './messenger-ru.js';
import { reachRu } from './reach-ru.js';
import { noticeRu } from './notice-ru.js';
import { periodRu } from './period-ru.js';
import { finalRu } from './final-ru.js';
import { movementRu } from './movement-ru.js';
import { termGradesRu } from './term-grades-ru.js';
import { nudgeRu } from './nudge-ru.js';

/**
 * The Russian catalogue is the reference: every other language has the same keys and
 * parameters. Text here is trusted HTML; parameters arrive already escaped.
 */
export const ru = {
  'start.welcome':
    'Здравствуйте! Это бот электронного журнала школы.\n\nЧтобы подключиться, отправьте <b>код доступа</b>, который вам выдали в школе (например, <code>ACDE-FGHJ-KM</code>).',
  'start.linked': (p: { name: string; school: string }) => `Готово! Вы подключены как <b>${p.name}</b> (${p.school}).`,
  'start.already': (p: { names: string }) =>
    `Вы уже подключены: ${p.names}.\nЧтобы добавить ещё одного пользователя (например, ребёнка из другой школы), отправьте /start с новым кодом.`,
  'logout.none': 'Этот аккаунт Telegram ни к кому не привязан.',
  'logout.confirm': (p: { names: string }) => `Отвязать этот аккаунт Telegram от: ${p.names}? Бот перестанет присылать вам уведомления.`,
  'logout.yes': 'Отвязать',
  'logout.no': 'Отмена',
  'logout.done': 'Аккаунт отвязан. Чтобы снова пользоваться ботом, отправьте /start и код из школы.',
  'logout.kept': 'Хорошо, всё остаётся как было.',
  'code.wrong': 'Такого кода нет. Проверьте, нет ли опечатки, и отправьте код ещё раз.',
  'code.expired': 'Срок действия этого кода истёк. Попросите в школе новый код.',
  'code.used': 'Этот код уже использован. Если это были не вы, сообщите в школу и попросите новый код.',
  'code.revoked': 'Этот код отменён. Попросите в школе новый код.',
  'code.locked': (p: { minutes: number }) =>
    `Слишком много неверных кодов. Попробуйте снова через ${p.minutes} ${pluralRu(p.minutes, ['минуту', 'минуты', 'минут'])}.`,
  'code.cancelled': 'Ввод кода отменён.',
  'help.unlinked':
    'Я помогаю учителям заполнять электронный журнал, а родителям — узнавать о пропусках и оценках.\n\n/start — подключиться по коду из школы\n/language — язык (русский / English)\n/help — эта справка',
  'help.teacher': 'Уроки сегодня — кнопка «Сегодня». Другой день — «Другой день» или напишите дату, например 12.10.',
  'help.linked':
    'Выберите действие в меню внизу экрана.\n\n/menu — показать меню\n/start — добавить пользователя по новому коду\n/language — язык (русский / English)\n/help — эта справка',
  'language.choose': 'Выберите язык:',
  'language.set': 'Язык: русский.',
  'menu.title': 'Главное меню',
  'menu.today': 'Сегодня',
  'menu.otherDay': 'Другой день',
  'menu.children': 'Мои дети',
  'menu.control': 'Контроль',
  'menu.soon': 'Этот раздел скоро появится.',
  'fallback.unlinked': 'Чтобы пользоваться ботом, подключитесь: отправьте /start и код из школы.',
  'fallback.linked': 'Не понял сообщение. Выберите действие в меню.',
  'error.generic': 'Что-то пошло не так. Попробуйте ещё раз чуть позже.',
  'error.forbidden': 'Это действие вам недоступно.',
  'error.notFound': 'Не нашёл то, что вы ищете. Возможно, данные изменились — откройте меню заново.',
  'error.readOnly': 'Эти данные уже нельзя изменить.',
  'error.invalid': 'Проверьте введённые данные.',
  'command.start': 'Подключиться / главное меню',
  'command.menu': 'Главное меню',
  'command.help': 'Справка',
  'command.language': 'Язык / Language',
  'lessons.count': (p: { n: number }) => `${p.n} ${pluralRu(p.n, ['урок', 'урока', 'уроков'])}`,
  ...parentRu,
  ...teacherRu,
  ...staffRu,
  ...deputyRu,
  ...deptRu,
  ...deptpdfRu,
  ...treportsRu,
  ...classdocsRu,
  ...classjournalRu,
  ...studentRu,
  ...messengerRu,
  ...reachRu,
  ...allplanRu,
  ...classdailyRu,
  ...ktpRu,
  ...worktypesRu,
  ...noticeRu,
  ...periodRu,
  ...finalRu,
  ...movementRu,
  ...termGradesRu,
  ...nudgeRu,
} as const;

type Catalogue<T> = { [K in keyof T]: T[K] extends (p: infer P) => string ? (p: P) => string : string };
export type Messages = Catalogue<typeof ru>;
export type MessageKey = keyof Messages;
