import { pluralRu } from './format.js';

const lessons = (n: number) => `${n} ${pluralRu(n, ['урок', 'урока', 'уроков'])}`;

/** The deputy director's and director's screens: compliance, nudges, report files. */
export const deputyRu = {
  'menu.reports': 'Отчёты',
  'command.compliance': 'Контроль заполнения журнала',
  'command.reports': 'Отчёты файлом (PDF)',
  'deputy.notAllowed': 'Этот раздел доступен заместителю директора, директору и администратору.',
  'deputy.stale': 'Кнопка устарела. Откройте раздел заново.',
  'deputy.title.day': (p: { day: string }) => `<b>Контроль журнала — сегодня, ${p.day}</b>`,
  'deputy.title.week': (p: { from: string; to: string }) => `<b>Контроль журнала — неделя ${p.from} – ${p.to}</b>`,
  'deputy.title.month': (p: { month: string }) => `<b>Контроль журнала — ${p.month}</b>`,
  'deputy.asOf': (p: { deadline: string; time: string }) => `Срок заполнения — ${p.deadline} в день урока. Данные на ${p.time}.`,
  'deputy.legend': '✅ вовремя · ⏰ с опозданием · ❌ не заполнено · 🕒 срок не наступил',
  'deputy.totals': (p: { lessons: number; onTime: number; late: number; missing: number; pending: number; share: string }) =>
    `Всего ${lessons(p.lessons)}: ✅ ${p.onTime} · ⏰ ${p.late} · ❌ ${p.missing} · 🕒 ${p.pending}. ${p.share}`,
  'deputy.teacher': (p: {
    n: number;
    name: string;
    share: string;
    lessons: number;
    onTime: number;
    late: number;
    missing: number;
    pending: number;
  }) =>
    `${p.n}. <b>${p.name}</b> — ${p.share}\n      ${lessons(p.lessons)}: ✅ ${p.onTime} · ⏰ ${p.late} · ❌ ${p.missing}${p.pending ? ` · 🕒 ${p.pending}` : ''}`,
  'deputy.share': (p: { percent: number }) => `вовремя ${p.percent}%`,
  'deputy.share.none': 'срок не наступил',
  'deputy.none': 'За этот период уроков в журнале нет.',
  'deputy.page': (p: { page: number; pages: number }) => `Страница ${p.page} из ${p.pages}`,
  'deputy.btn.day': 'Сегодня',
  'deputy.btn.week': 'Неделя',
  'deputy.btn.month': 'Месяц',
  'deputy.btn.prev': '‹ Назад',
  'deputy.btn.next': 'Далее ›',
  'deputy.btn.reports': '📄 Отчёты',
  'deputy.nudge.sent': 'Напоминание отправлено',
  'deputy.nudge.nothing': 'У учителя всё заполнено — напоминать не нужно.',
  'deputy.nudge.tooSoon': (p: { minutes: number }) =>
    `Этому учителю только что напомнили. Повторить можно через ${p.minutes} ${pluralRu(p.minutes, ['минуту', 'минуты', 'минут'])}.`,
  'deputy.nudge.notAllowed': 'Напомнить этому учителю вы не можете.',
  'deputy.reports.pickKind': '<b>Отчёты</b>\nВыберите отчёт:',
  'deputy.reports.pickPeriod': (p: { kind: string }) => `<b>${p.kind}</b>\nЗа какой период?`,
  'deputy.reports.pickGroup': (p: { kind: string; period: string }) =>
    `<b>${p.kind}</b>\n${p.period}\nПо какому классу? Документ придёт файлом PDF.`,
  'deputy.reports.allSchool': 'Вся школа',
  'deputy.reports.back': '‹ Назад',
  'deputy.reports.period.m': 'Этот месяц',
  'deputy.reports.period.l': 'Прошлый месяц',
  'deputy.reports.period.y': 'Учебный год',
  'deputy.reports.range': (p: { from: string; to: string }) => `с ${p.from} по ${p.to}`,
  'deputy.reports.preparing': 'Готовлю документ…',
  'deputy.reports.caption': (p: { kind: string; scope: string; period: string }) => `${p.kind}\n${p.scope}, ${p.period}`,
  'deputy.kind.attendance-summary': 'Сводная ведомость посещаемости',
  'deputy.kind.class-attendance': 'Посещаемость классов по месяцам',
  'deputy.kind.grades-summary': 'Сводная ведомость успеваемости',
  'deputy.kind.class-results': 'Итоги успеваемости',
  'deputy.kind.class-sizes': 'Наполняемость классов',
  'deputy.kind.movement': 'Движение обучающихся',
  'deputy.kind.plan-fulfilment': 'Выполнение учебного плана',
  'deputy.kind.parent-linking': 'Подключение родителей',
} as const;
