import { pluralRu } from './format.js';

const codes = (n: number) => `${n} ${pluralRu(n, ['код', 'кода', 'кодов'])}`;
const DIVISION_RU = { quarters: 'четверть', trimesters: 'триместр', halves: 'полугодие' } as const;

/** The class teacher's «Документы»: access-code slips and the class's printable reports. */
export const classdocsRu = {
  'command.classdocs': 'Документы класса: коды доступа, отчёты',
  'classdocs.none': 'Вы не указаны классным руководителем ни одного класса.',
  'classdocs.choose': 'Документы какого класса?',
  'classdocs.menu': (p: { group: string }) =>
    `<b>Документы класса ${p.group}</b>\nКоды доступа для родителей и учеников (PDF с QR-кодами для печати) и отчёты класса в PDF.`,
  'classdocs.btn.codesAll': '🔑 Коды для неподключённых родителей',
  'classdocs.btn.codeOne': '👤 Код для одного родителя',
  'classdocs.btn.studentCodes': '🎒 Коды для неподключённых учеников',
  'classdocs.btn.attendance': '📅 Посещаемость',
  'classdocs.btn.results': '📊 Итоги успеваемости',
  'classdocs.btn.back': '‹ Назад',
  'classdocs.btn.entry': '🖨 Документы',
  'classdocs.btn.confirm': 'Да, выдать новые',
  'classdocs.btn.cancel': 'Отмена',
  'classdocs.people': (p: { group: string }) =>
    `<b>${p.group}: родители, не подключённые ни в Telegram, ни в MAX</b>\nВыберите, кому выдать код. «🔁» — код уже выдан; новый отменит прежний.`,
  'classdocs.people.none': (p: { group: string }) => `<b>${p.group}</b>\nВсе родители класса уже подключены к боту.`,
  'classdocs.nobody': 'Неподключённых родителей нет — коды не нужны.',
  'classdocs.nobodyStudents': 'Неподключённых учеников нет — коды не нужны.',
  'classdocs.confirmAll': (p: { n: number; pending: number }) =>
    `Будет выдано ${codes(p.n)}. У ${p.pending} из этих родителей уже есть выданный, но не использованный код — он перестанет действовать. Выдать новые коды?`,
  'classdocs.confirmOne': (p: { name: string }) =>
    `У родителя ${p.name} уже есть выданный, но не использованный код. Новый код отменит прежний. Выдать?`,
  'classdocs.issued': (p: { n: number }) => `Выдано: ${codes(p.n)}`,
  'classdocs.codesCaption': (p: { group: string; n: number }) =>
    `Коды доступа, ${p.group}: ${codes(p.n)}. Распечатайте и разрежьте по пунктиру. Прежние неиспользованные коды этих родителей больше не действуют.`,
  'classdocs.codesCaptionStudents': (p: { group: string; n: number }) =>
    `Коды доступа учеников, ${p.group}: ${codes(p.n)}. Распечатайте и разрежьте по пунктиру. Прежние неиспользованные коды этих учеников больше не действуют. Ученик младше 14 лет подключится, когда родитель даст согласие в боте.`,
  'classdocs.pickRange.attendance': (p: { group: string }) =>
    `<b>Посещаемость, ${p.group}</b>\nЗа какой период? Документ придёт файлом PDF.`,
  'classdocs.pickRange.results': (p: { group: string }) =>
    `<b>Итоги успеваемости, ${p.group}</b>\nЗа какой период? Документ придёт файлом PDF.`,
  'classdocs.range.m': 'Этот месяц',
  'classdocs.range.l': 'Прошлый месяц',
  'classdocs.range.y': 'Учебный год',
  'classdocs.range.period': (p: { n: number; kind: keyof typeof DIVISION_RU }) => `${p.n} ${DIVISION_RU[p.kind]}`,
  'classdocs.preparing': 'Готовлю документ…',
  'classdocs.sent': 'Документ отправлен.',
  'classdocs.docCaption': (p: { kind: 'attendance' | 'results'; group: string; from: string; to: string }) =>
    `${p.kind === 'attendance' ? 'Посещаемость' : 'Итоги успеваемости'}, ${p.group}\nс ${p.from} по ${p.to}`,
  'classdocs.stale': 'Кнопка устарела. Откройте раздел заново.',
  'classdocs.notYours': 'Это не ваш класс: коды и документы класса выдаёт только его классный руководитель.',
};
