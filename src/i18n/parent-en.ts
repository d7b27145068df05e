import { pluralEn } from './format.js';
import type { Messages } from './ru.js';
import type { parentRu } from './parent-ru.js';

export const parentEn: Pick<Messages, keyof typeof parentRu> = {
  'menu.myClass': 'My class',
  'command.settings': 'Notification settings',
  'command.privacy': 'My data and consent',
  'command.logout': 'Unlink this Telegram account',
  'consent.text': (p) =>
    `<b>Consent to personal data processing</b> (version ${p.version})\n\n` +
    "As the parent (legal guardian), I consent to the school processing my child's and my personal data: " +
    'names, class, attendance, grades, lesson topics and homework, my e-mail address and Telegram id — ' +
    "so that this bot can show me my child's attendance and progress and notify me of absences and grades " +
    '(Russian Federal Law No. 152-FZ "On Personal Data").\n\n' +
    'The data is kept by the school and passed on only to deliver messages (Telegram, e-mail). ' +
    "The consent is valid until withdrawn. You can withdraw it at any time with /privacy: notifications stop and the child's data is no longer shown.\n\n" +
    "Without consent the bot neither shows nor sends any of the child's data.",
  'consent.accept': 'I consent',
  'consent.decline': 'Not now',
  'consent.accepted':
    'Thank you! Your consent is recorded. You will now receive notifications and see attendance, grades and homework under "My children".',
  'consent.declined':
    "All right. Without consent the child's data is not shown and no notifications are sent. You can consent at any time: /privacy.",
  'consent.required': "To see your child's data and receive notifications, please consent to personal data processing.",
  'children.none': 'No children are linked to your account yet. Please contact the class teacher.',
  'children.title': (p) => `<b>My children</b> (${p.n} ${pluralEn(p.n, ['child', 'children'])})`,
  'children.line': (p) => `• <b>${p.name}</b>${p.groups ? `, ${p.groups}` : ''} — ${p.school}`,
  'children.today': (p) => `${p.name}: today`,
  'children.week': 'week',
  'children.settings': '⚙ Notification settings',
  'children.back': '← My children',
  'view.day': (p) => `<b>${p.name}</b> — ${p.day}`,
  'view.week': (p) => `<b>${p.name}</b> — week ${p.from} – ${p.to}`,
  'view.noLessons': 'No lessons.',
  'view.emptyWeek': 'No lessons or grades this week.',
  'view.topic': (p) => `Topic: ${p.topic}`,
  'view.homework': (p) => `Homework: ${p.homework}`,
  'view.grades': (p) => `Grades: <b>${p.values}</b>`,
  'view.cancelled': 'lesson cancelled',
  'view.otherGrades': (p) => `Final grades: ${p.values}`,
  'view.explained': (p) => `your answer: ${p.answer}`,
  'view.absences': (p) => `Missed: ${p.n} ${pluralEn(p.n, ['lesson', 'lessons'])}`,
  'view.truncated': '… (message shortened)',
  'att.present': 'present',
  'att.absent': 'absent',
  'att.sick': 'sick',
  'att.excused': 'excused',
  'att.late': 'late',
  'answer.sick': 'sick',
  'answer.excused': 'excused',
  'answer.unknown': "don't know",
  'absence.saved': (p) =>
    `Your answer "${p.answer}" is recorded for ${p.n} ${pluralEn(p.n, ['lesson', 'lessons'])} and passed on to the class teacher. Thank you!`,
  'absence.same': 'This answer is already recorded.',
  'absence.stale': 'This answer can no longer be accepted: the marks of that day have changed or are not available.',
  'settings.title': (p) =>
    `<b>Notification settings</b>\n\nAbsences: ${p.absences}\nGrades: ${p.grades}\nQuiet hours: ${p.quiet}\nE-mail when Telegram is unavailable: ${p.email}\nLanguage: ${p.language}\n\nTimes are in the school's timezone.`,
  'settings.absences.realtime': 'at once',
  'settings.absences.digest': (p) => `in the digest at ${p.time}`,
  'settings.grades.realtime': 'at once',
  'settings.grades.digest': (p) => `daily digest at ${p.time}`,
  'settings.grades.off': 'off',
  'settings.on': 'on',
  'settings.off': 'off',
  'settings.language': 'English',
  'settings.btn.absences': 'Absences: at once / digest',
  'settings.btn.grades': 'Grades: at once / digest / off',
  'settings.btn.digest': 'Digest time',
  'settings.btn.quiet': 'Quiet hours',
  'settings.btn.email': 'E-mail: on / off',
  'settings.btn.language': 'Language / Язык',
  'settings.chooseDigest': 'When should the digest arrive?',
  'settings.chooseQuiet': "When not to disturb you (except today's absences)?",
  'settings.saved': 'Saved.',
  'privacy.title': (p) =>
    `<b>What is stored about you</b>\n\nName: ${p.name}\nE-mail: ${p.email}\nPhone: ${p.phone}\nTelegram: ${p.telegram}\nMAX: ${p.max}\nChildren: ${p.children}\n\nConsent to data processing: ${p.consent}`,
  'privacy.none': 'none',
  'privacy.linked': 'connected',
  'privacy.hidden': 'hidden (no consent)',
  'privacy.granted': (p) => `given on ${p.date} (version ${p.version})`,
  'privacy.withdrawn': (p) => `withdrawn on ${p.date}`,
  'privacy.never': 'never given',
  'privacy.withdraw': 'Withdraw consent',
  'privacy.grant': 'Give consent',
  'privacy.confirm':
    "Withdraw your consent? Notifications stop and the child's data is no longer shown. You can consent again at any time.",
  'privacy.confirmYes': 'Yes, withdraw',
  'privacy.cancel': 'Cancel',
  'privacy.done': "Consent withdrawn. No more notifications; the children's data is hidden. To undo: /privacy.",
  'privacy.notParent': 'This command is for parents and students.',
  'class.none': 'You are not the class teacher of any class.',
  'class.choose': 'Choose a class:',
  'class.title': (p) =>
    `<b>${p.group}</b>: ${p.n} ${pluralEn(p.n, ['student', 'students'])}, parents connected for ${p.linked}` +
    (p.blocked ? `, blocked the bot: ${p.blocked}` : ''),
  'class.noParent': 'no parent on record',
  'class.parent.linked': 'Telegram ✅',
  'class.parent.notLinked': 'not connected',
  'class.parent.blocked': 'blocked the bot — gets e-mail',
  'class.parent.blockedNoEmail': 'blocked the bot, no e-mail — gets no notices',
  'class.parent.noConsent': 'no consent',
};
