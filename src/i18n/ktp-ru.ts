import { pluralRu } from './format.js';

const topics = (n: number) => `${n} ${pluralRu(n, ['тема', 'темы', 'тем'])}`;
const rows = (n: number) => `${n} ${pluralRu(n, ['строка', 'строки', 'строк'])}`;
const lessons = (n: number) => `${n} ${pluralRu(n, ['урок', 'урока', 'уроков'])}`;
const NOTHING = 'Ничего не изменено.';

/** A subject teacher loads their own КТП by sending a CSV or XLSX file to the bot (/ktp). */
export const ktpRu = {
  'command.ktp': 'Загрузить КТП файлом (CSV, XLSX)',
  'ktp.btn': '📥 Загрузить КТП',
  'ktp.mb': (p: { mb: number }) => `${p.mb} МБ`,
  'ktp.notTeacher': 'Загружать КТП из бота может учитель — для своих курсов.',
  'ktp.noCourses':
    'За вами не закреплено ни одного курса, поэтому загружать КТП не для чего. Если это ошибка, обратитесь к администратору школы.',
  'ktp.pickCourse': '<b>Загрузка КТП</b>\nДля какого курса загрузить план?',
  'ktp.course': (p: { subject: string; group: string }) => `${p.subject} — ${p.group}`,
  'ktp.askFile': (p: { course: string; limit: string }) =>
    `<b>КТП: ${p.course}</b>\n\nПришлите файл таблицы — CSV или XLSX (как сохраняет Excel), не больше ${p.limit}. Берётся первый лист.\nСтолбцы: <b>№; Тема; Часы; Вид работы</b> — номер, часы и вид работы можно не заполнять, строка заголовков по желанию.\n\nСначала я покажу, что изменится, и запишу только после «Применить».`,
  'ktp.notAsked':
    'Сейчас я не жду файла. Чтобы загрузить КТП: отправьте /ktp, выберите курс и пришлите таблицу CSV или XLSX со столбцами <b>№; Тема; Часы; Вид работы</b>. Я покажу, что изменится, и запишу только после «Применить». ' +
    NOTHING,
  'ktp.tooLarge': (p: { limit: string }) =>
    `Файл больше ${p.limit} — такой КТП я не приму. ${NOTHING} Сохраните план как CSV или удалите из книги лишние листы и картинки.`,
  'ktp.notSupported': `Это не таблица CSV или XLSX. В Excel выберите «Сохранить как» → «Книга Excel (*.xlsx)» или «CSV (разделители — точка с запятой)» и пришлите файл снова. ${NOTHING}`,
  'ktp.notSpreadsheet': `Файл называется .xlsx, но это не книга Excel (похоже, файл просто переименован). Откройте его в Excel и сохраните как «Книга Excel (*.xlsx)» или пришлите CSV. ${NOTHING}`,
  'ktp.empty': `В файле нет ни одной темы: первый лист пуст или в нём только заголовок. ${NOTHING}`,
  'ktp.tooManyRows': (p: { max: number }) => `В КТП может быть не больше ${topics(p.max)}, а в файле больше. ${NOTHING}`,
  'ktp.downloadFailed': 'Не удалось получить файл от Telegram. Пришлите его ещё раз.',
  'ktp.broken': (p: { course: string; count: number }) =>
    `<b>КТП не загружен: ${p.course}</b>\nВ файле ${rows(p.count)} с ошибками. ${NOTHING}`,
  'ktp.row': (p: { row: string; reason: string }) => `• строка ${p.row}: ${p.reason}`,
  'ktp.row.file': (p: { reason: string }) => `• ${p.reason}`,
  'ktp.more': (p: { count: number }) => `…и ещё ${rows(p.count)}`,
  'ktp.fixAndResend': 'Исправьте файл и пришлите его снова — я жду файл для этого же курса.',
  'ktp.reason.topic': 'нет темы (или она длиннее 1000 знаков)',
  'ktp.reason.hours': 'часы — целое число от 1 до 100',
  'ktp.reason.position': 'номер не по порядку: темы нумеруются подряд 1, 2, 3…',
  'ktp.reason.workType': (p: { value: string }) => `вид работы ${p.value} в школе не используется`,
  'ktp.reason.number': (p: { value: string }) => `${p.value} — не целое число`,
  'ktp.dry.title': (p: { course: string }) => `<b>Проверка КТП: ${p.course}</b>`,
  'ktp.dry.total': (p: { total: number }) => `В файле ${topics(p.total)}.`,
  'ktp.dry.counts': (p: { created: number; updated: number; deleted: number; unchanged: number }) =>
    `Добавится: ${p.created} · изменится: ${p.updated} · удалится: ${p.deleted} · без изменений: ${p.unchanged}`,
  'ktp.dry.kept': (p: { kept: number }) =>
    `${topics(p.kept)} уже ${pluralRu(p.kept, ['указана', 'указаны', 'указаны'])} в проведённых уроках: ${pluralRu(p.kept, ['она останется', 'они останутся', 'они останутся'])} после новых тем, чтобы уроки не потеряли тему.`,
  'ktp.dry.same': 'Файл совпадает с текущим КТП — менять нечего.',
  'ktp.dry.first': 'Изменения:',
  'ktp.dry.more': (p: { count: number }) => `…и ещё ${p.count} ${pluralRu(p.count, ['изменение', 'изменения', 'изменений'])}`,
  'ktp.dry.confirm': 'Записать этот план? Текущий КТП курса будет заменён.',
  'ktp.change.add': (p: { position: number; topic: string }) => `➕ ${p.position}. ${p.topic}`,
  'ktp.change.change': (p: { position: number; topic: string; before: string }) => `✏️ ${p.position}. ${p.before} → ${p.topic}`,
  'ktp.change.remove': (p: { position: number; topic: string }) => `➖ ${p.position}. ${p.topic}`,
  'ktp.change.keep': (p: { position: number; topic: string; lessons: number }) => `📌 ${p.position}. ${p.topic} (${lessons(p.lessons)})`,
  'ktp.btn.apply': '✅ Применить',
  'ktp.btn.cancel': 'Отмена',
  'ktp.applied': (p: { course: string; total: number }) => `✅ <b>КТП загружен: ${p.course}</b>\nВ плане ${topics(p.total)}.`,
  'ktp.cancelled': `Загрузка отменена. ${NOTHING}`,
  'ktp.stale': `Эта проверка уже неактуальна: после неё прислан другой файл, или загрузка уже применена или отменена. ${NOTHING}`,
  'ktp.expired': `Проверка устарела: прошло больше часа. Пришлите файл снова через /ktp. ${NOTHING}`,
  'ktp.changed': `КТП курса изменился после проверки. Пришлите файл ещё раз, чтобы увидеть актуальные изменения. ${NOTHING}`,
  'ktp.forbidden': `Этот курс ведёт другой учитель — загружать его КТП вы не можете. ${NOTHING}`,
  'ktp.notFound': 'Такого курса нет. Отправьте /ktp и выберите курс заново.',
  'ktp.refused': 'Кнопка устарела. Отправьте /ktp заново.',
} as const;
