import { pluralEn } from './format.js';
import type { Messages } from './ru.js';
import { parentEn } from './parent-en.js';
import { teacherEn } from './teacher-en.js';
import { worktypesEn } from './worktypes-en.js';
import { allplanEn } from './allplan-en.js';
import { classdailyEn } from './classdaily-en.js';
import { staffEn } from './staff-en.js';
import { deputyEn } from './deputy-en.js';
import { deptEn } from './dept-en.js';
import { deptpdfEn } from './deptpdf-en.js';
import { treportsEn } from './treports-en.js';
import { ktpEn } from './ktp-en.js';
import { classdocsEn } from './classdocs-en.js';
import { classjournalEn } from './classjournal-en.js';
import { studentEn } from './student-en.js';
import { messengerEn } from './messenger-en.js';
import { reachEn } from './reach-en.js';
import { noticeEn } from './notice-en.js';
import { periodEn } from './period-en.js';
import { finalEn } from './final-en.js';
import { movementEn } from './movement-en.js';
import { termGradesEn } from './term-grades-en.js';
import { nudgeEn } from './nudge-en.js';

export const en: Messages = {
  'start.welcome':
    "Hello! This is the bot of your school's electronic journal.\n\nTo connect, send the <b>access code</b> you received from the school (for example, <code>ACDE-FGHJ-KM</code>).",
  'start.linked': (p) => `Done! You are connected as <b>${p.name}</b> (${p.school}).`,
  'start.already': (p) =>
    `You are already connected: ${p.names}.\nTo add another user (for example, a child at another school), send /start with the new code.`,
  'logout.none': 'This Telegram account is not linked to anyone.',
  'logout.confirm': (p) => `Unlink this Telegram account from: ${p.names}? The bot will stop sending you notices.`,
  'logout.yes': 'Unlink',
  'logout.no': 'Cancel',
  'logout.done': 'The account is unlinked. To use the bot again, send /start and a code from the school.',
  'logout.kept': 'All right, nothing has changed.',
  'code.wrong': 'There is no such code. Check it for typos and send it again.',
  'code.expired': 'This code has expired. Ask the school for a new one.',
  'code.used': 'This code has already been used. If it was not you, tell the school and ask for a new code.',
  'code.revoked': 'This code was revoked. Ask the school for a new one.',
  'code.locked': (p) => `Too many wrong codes. Try again in ${p.minutes} ${pluralEn(p.minutes, ['minute', 'minutes'])}.`,
  'code.cancelled': 'Code entry cancelled.',
  'help.unlinked':
    'I help teachers fill in the electronic journal and tell parents about absences and grades.\n\n/start — connect with a code from the school\n/language — language (русский / English)\n/help — this help',
  'help.teacher': "Today's lessons: the «Today» button. Another day: «Another day», or type a date such as 12.10.",
  'help.linked':
    'Choose an action in the menu at the bottom of the screen.\n\n/menu — show the menu\n/start — add a user with a new code\n/language — language (русский / English)\n/help — this help',
  'language.choose': 'Choose a language:',
  'language.set': 'Language: English.',
  'menu.title': 'Main menu',
  'menu.today': 'Today',
  'menu.otherDay': 'Another day',
  'menu.children': 'My children',
  'menu.control': 'Control',
  'menu.soon': 'This section is coming soon.',
  'fallback.unlinked': 'To use the bot, connect first: send /start and the code from the school.',
  'fallback.linked': 'I did not understand. Choose an action in the menu.',
  'error.generic': 'Something went wrong. Please try again a bit later.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.notFound': 'I could not find it. The data may have changed — open the menu again.',
  'error.readOnly': 'This can no longer be changed.',
  'error.invalid': 'Please check what you entered.',
  'command.start': 'Connect / main menu',
  'command.menu': 'Main menu',
  'command.help': 'Help',
  'command.language': 'Language / Язык',
  'lessons.count': (p) => `${p.n} ${pluralEn(p.n, ['lesson', 'lessons'])}`,
  ...parentEn,
  ...teacherEn,
  ...staffEn,
  ...deputyEn,
  ...deptEn,
  ...deptpdfEn,
  ...treportsEn,
  ...classdocsEn,
  ...classjournalEn,
  ...studentEn,
  ...messengerEn,
  ...reachEn,
  ...allplanEn,
  ...classdailyEn,
  ...ktpEn,
  ...worktypesEn,
  ...noticeEn,
  ...periodEn,
  ...finalEn,
  ...movementEn,
  ...termGradesEn,
  ...nudgeEn,
};
