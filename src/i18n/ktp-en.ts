import { pluralEn } from './format.js';
import type { ktpRu } from './ktp-ru.js';
import type { Messages } from './ru.js';

const topics = (n: number) => `${n} ${pluralEn(n, ['topic', 'topics'])}`;
const rows = (n: number) => `${n} ${pluralEn(n, ['row', 'rows'])}`;
const lessons = (n: number) => `${n} ${pluralEn(n, ['lesson', 'lessons'])}`;
const NOTHING = 'Nothing was changed.';

export const ktpEn: Pick<Messages, keyof typeof ktpRu> = {
  'command.ktp': 'Load a course plan from a file (CSV, XLSX)',
  'ktp.btn': '📥 Load the plan',
  'ktp.mb': (p: { mb: number }) => `${p.mb} MB`,
  'ktp.notTeacher': 'A teacher loads the plan of their own courses here.',
  'ktp.noCourses': 'No course is assigned to you, so there is no plan to load. If this is wrong, ask the school administrator.',
  'ktp.pickCourse': '<b>Load a course plan</b>\nWhich course is the plan for?',
  'ktp.course': (p: { subject: string; group: string }) => `${p.subject} — ${p.group}`,
  'ktp.askFile': (p: { course: string; limit: string }) =>
    `<b>Plan: ${p.course}</b>\n\nSend the spreadsheet as CSV or XLSX (as Excel saves it), at most ${p.limit}. The first sheet is read.\nColumns: <b>No.; Topic; Hours; Work type</b>: the number, hours and work type may be blank, a header row is optional.\n\nFirst I show what would change, and I write it only after «Apply».`,
  'ktp.notAsked': `I am not waiting for a file. To load a course plan: send /ktp, choose the course and send a CSV or XLSX with the columns <b>No.; Topic; Hours; Work type</b>. I show what would change and write it only after «Apply». ${NOTHING}`,
  'ktp.tooLarge': (p: { limit: string }) =>
    `The file is larger than ${p.limit}, which is more than a plan needs. ${NOTHING} Save the plan as CSV, or remove extra sheets and pictures.`,
  'ktp.notSupported': `This is not a CSV or XLSX spreadsheet. In Excel choose «Save as» → «Excel Workbook (*.xlsx)» or «CSV» and send it again. ${NOTHING}`,
  'ktp.notSpreadsheet': `The file is named .xlsx but is not an Excel workbook (it looks renamed). Open it in Excel and save it as «Excel Workbook (*.xlsx)», or send a CSV. ${NOTHING}`,
  'ktp.empty': `The file has no topics: the first sheet is empty or has only a header. ${NOTHING}`,
  'ktp.tooManyRows': (p: { max: number }) => `A plan has at most ${topics(p.max)}, and the file has more. ${NOTHING}`,
  'ktp.downloadFailed': 'Telegram did not hand the file over. Please send it again.',
  'ktp.broken': (p: { course: string; count: number }) =>
    `<b>Plan not loaded: ${p.course}</b>\nThe file has ${rows(p.count)} with errors. ${NOTHING}`,
  'ktp.row': (p: { row: string; reason: string }) => `• row ${p.row}: ${p.reason}`,
  'ktp.row.file': (p: { reason: string }) => `• ${p.reason}`,
  'ktp.more': (p: { count: number }) => `…and ${rows(p.count)} more`,
  'ktp.fixAndResend': 'Fix the file and send it again: I am waiting for a file for the same course.',
  'ktp.reason.topic': 'no topic (or longer than 1000 characters)',
  'ktp.reason.hours': 'hours must be a whole number from 1 to 100',
  'ktp.reason.position': 'the number is out of order: topics are numbered 1, 2, 3…',
  'ktp.reason.workType': (p: { value: string }) => `the school has no work type ${p.value}`,
  'ktp.reason.number': (p: { value: string }) => `${p.value} is not a whole number`,
  'ktp.dry.title': (p: { course: string }) => `<b>Plan check: ${p.course}</b>`,
  'ktp.dry.total': (p: { total: number }) => `The file has ${topics(p.total)}.`,
  'ktp.dry.counts': (p: { created: number; updated: number; deleted: number; unchanged: number }) =>
    `Added: ${p.created} · changed: ${p.updated} · removed: ${p.deleted} · unchanged: ${p.unchanged}`,
  'ktp.dry.kept': (p: { kept: number }) =>
    `${topics(p.kept)} already used by lessons stay after the new topics, so those lessons keep their topic.`,
  'ktp.dry.same': 'The file is the same as the current plan: nothing to change.',
  'ktp.dry.first': 'Changes:',
  'ktp.dry.more': (p: { count: number }) => `…and ${p.count} more ${pluralEn(p.count, ['change', 'changes'])}`,
  'ktp.dry.confirm': "Write this plan? It replaces the course's current plan.",
  'ktp.change.add': (p: { position: number; topic: string }) => `➕ ${p.position}. ${p.topic}`,
  'ktp.change.change': (p: { position: number; topic: string; before: string }) => `✏️ ${p.position}. ${p.before} → ${p.topic}`,
  'ktp.change.remove': (p: { position: number; topic: string }) => `➖ ${p.position}. ${p.topic}`,
  'ktp.change.keep': (p: { position: number; topic: string; lessons: number }) => `📌 ${p.position}. ${p.topic} (${lessons(p.lessons)})`,
  'ktp.btn.apply': '✅ Apply',
  'ktp.btn.cancel': 'Cancel',
  'ktp.applied': (p: { course: string; total: number }) => `✅ <b>Plan loaded: ${p.course}</b>\nThe plan has ${topics(p.total)}.`,
  'ktp.cancelled': `Upload cancelled. ${NOTHING}`,
  'ktp.stale': `This check is out of date: another file was sent since, or the upload was already applied or cancelled. ${NOTHING}`,
  'ktp.expired': `This check expired: more than an hour has passed. Send the file again with /ktp. ${NOTHING}`,
  'ktp.changed': `The course's plan changed after the check. Send the file again to see the current changes. ${NOTHING}`,
  'ktp.forbidden': `Another teacher teaches this course: you cannot load its plan. ${NOTHING}`,
  'ktp.notFound': 'There is no such course. Send /ktp and choose the course again.',
  'ktp.refused': 'This button is out of date. Send /ktp again.',
};
