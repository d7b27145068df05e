import { pluralEn } from './format.js';
import type { classdocsRu } from './classdocs-ru.js';
import type { Messages } from './ru.js';

const codes = (n: number) => `${n} ${pluralEn(n, ['code', 'codes'])}`;
const DIVISION_EN = { quarters: 'quarter', trimesters: 'trimester', halves: 'half-year' } as const;

export const classdocsEn: Pick<Messages, keyof typeof classdocsRu> = {
  'command.classdocs': 'Class documents: access codes, reports',
  'classdocs.none': 'You are not the class teacher of any class.',
  'classdocs.choose': 'Documents of which class?',
  'classdocs.menu': (p) =>
    `<b>Class ${p.group}: documents</b>\nAccess codes for parents and students (a printable PDF with QR codes) and the class's reports as PDF.`,
  'classdocs.btn.codesAll': '🔑 Codes for parents not linked yet',
  'classdocs.btn.codeOne': '👤 A code for one parent',
  'classdocs.btn.studentCodes': '🎒 Codes for students not linked yet',
  'classdocs.btn.attendance': '📅 Attendance',
  'classdocs.btn.results': '📊 Results',
  'classdocs.btn.back': '‹ Back',
  'classdocs.btn.entry': '🖨 Documents',
  'classdocs.btn.confirm': 'Yes, issue new ones',
  'classdocs.btn.cancel': 'Cancel',
  'classdocs.people': (p) =>
    `<b>${p.group}: parents connected in neither Telegram nor MAX</b>\nChoose whom to give a code. «🔁»: a code was issued; a new one revokes it.`,
  'classdocs.people.none': (p) => `<b>${p.group}</b>\nEvery parent of the class is already linked to the bot.`,
  'classdocs.nobody': 'Every parent is linked: no codes are needed.',
  'classdocs.nobodyStudents': 'Every student is linked: no codes needed.',
  'classdocs.confirmAll': (p) =>
    `${codes(p.n)} will be issued. ${p.pending} of these parents already have an unused code; it will stop working. Issue new codes?`,
  'classdocs.confirmOne': (p) => `${p.name} already has an unused code. A new code revokes it. Issue?`,
  'classdocs.issued': (p) => `Issued: ${codes(p.n)}`,
  'classdocs.codesCaption': (p) =>
    `Access codes, ${p.group}: ${codes(p.n)}. Print and cut along the dashed lines. These parents' earlier unused codes no longer work.`,
  'classdocs.codesCaptionStudents': (p) =>
    `Students' access codes, ${p.group}: ${codes(p.n)}. Print and cut along the dashed lines. These students' earlier unused codes no longer work. A student under 14 can link once a parent has given consent in the bot.`,
  'classdocs.pickRange.attendance': (p) => `<b>Attendance, ${p.group}</b>\nFor which period? The document comes as a PDF file.`,
  'classdocs.pickRange.results': (p) => `<b>Results, ${p.group}</b>\nFor which period? The document comes as a PDF file.`,
  'classdocs.range.m': 'This month',
  'classdocs.range.l': 'Last month',
  'classdocs.range.y': 'School year',
  'classdocs.range.period': (p) => `${DIVISION_EN[p.kind]} ${p.n}`,
  'classdocs.preparing': 'Preparing the document…',
  'classdocs.sent': 'The document is sent.',
  'classdocs.docCaption': (p) => `${p.kind === 'attendance' ? 'Attendance' : 'Results'}, ${p.group}\n${p.from} to ${p.to}`,
  'classdocs.stale': 'This button is out of date. Open the section again.',
  'classdocs.notYours': 'This is not your class: only its class teacher issues its codes and documents.',
};
