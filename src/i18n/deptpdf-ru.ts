import { pluralRu } from './format.js';

const lessons = (n: number) => `${n} ${pluralRu(n, ['урок', 'урока', 'уроков'])}`;
const teachers = (n: number) => `${n} ${pluralRu(n, ['учитель', 'учителя', 'учителей'])}`;

/** Reports as files: the PDF attached to compliance reports, the head of department's monthly report. */
export const deptpdfRu = {
  'deptpdf.attached': 'Полный отчёт по каждому учителю — в приложенном PDF.',
  'deptpdf.subject': (p: { name: string; month: string }) => `Отчёт МО «${p.name}» за ${p.month}`,
  'deptpdf.totals': (p: { teachers: number; due: number; onTime: number; late: number; missing: number; share: string }) =>
    `${teachers(p.teachers)}, к заполнению ${lessons(p.due)}: вовремя ${p.onTime} (${p.share}), с опозданием ${p.late}, не заполнено ${p.missing}.`,
  'deptpdf.teacher': (p: { i: number; name: string; due: number; onTime: number; late: number; missing: number }) =>
    `${p.i}. ${p.name} — ${lessons(p.due)}: ✅ ${p.onTime} · ⏰ ${p.late} · ❌ ${p.missing}`,
  'deptpdf.more': (p: { n: number }) => `…и ещё ${teachers(p.n)}`,
  'deptpdf.none': 'В этом месяце у учителей МО не было уроков.',
  'deptpdf.btn': '📄 Отчёт за месяц',
  'deptpdf.btnNamed': (p: { name: string }) => `📄 Отчёт за месяц: ${p.name}`,
  'deptpdf.preparing': 'Готовлю отчёт…',
  'deptpdf.notYours': 'Отчёт этого методического объединения вам недоступен: вы не его руководитель.',
  'deptpdf.terms': (p: { onTime: number; late: number; missing: number }) =>
    `Отметки за учебный период: вовремя ${p.onTime}, с опозданием ${p.late}, не выставлено ${p.missing}.`,
} as const;
