import { pluralEn } from './format.js';
import type { Messages } from './ru.js';
import type { deptpdfRu } from './deptpdf-ru.js';

const lessons = (n: number) => `${n} ${pluralEn(n, ['lesson', 'lessons'])}`;
const teachers = (n: number) => `${n} ${pluralEn(n, ['teacher', 'teachers'])}`;

export const deptpdfEn: Pick<Messages, keyof typeof deptpdfRu> = {
  'deptpdf.attached': 'The full report per teacher is in the attached PDF.',
  'deptpdf.subject': (p) => `Department «${p.name}»: report for ${p.month}`,
  'deptpdf.totals': (p) =>
    `${teachers(p.teachers)}, ${lessons(p.due)} due: on time ${p.onTime} (${p.share}), late ${p.late}, missing ${p.missing}.`,
  'deptpdf.teacher': (p) => `${p.i}. ${p.name} — ${lessons(p.due)}: ✅ ${p.onTime} · ⏰ ${p.late} · ❌ ${p.missing}`,
  'deptpdf.more': (p) => `…and ${teachers(p.n)} more`,
  'deptpdf.none': "The department's teachers had no lessons this month.",
  'deptpdf.btn': '📄 Monthly report',
  'deptpdf.btnNamed': (p) => `📄 Monthly report: ${p.name}`,
  'deptpdf.preparing': 'Preparing the report…',
  'deptpdf.notYours': "This department's report is not available to you: you do not head it.",
  'deptpdf.terms': (p) => `Study-period grades: on time ${p.onTime}, late ${p.late}, not entered ${p.missing}.`,
};
