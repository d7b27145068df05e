import type { Messages } from './ru.js';
import type { studentRu } from './student-ru.js';

export const studentEn: Pick<Messages, keyof typeof studentRu> = {
  'privacy.titleStudent': (p: {
    name: string;
    email: string;
    phone: string;
    telegram: string;
    max: string;
    children: string;
    consent: string;
  }) =>
    `<b>What is stored about you</b>\n\nName: ${p.name}\nE-mail: ${p.email}\nPhone: ${p.phone}\nTelegram: ${p.telegram}\nMAX: ${p.max}\n\nConsent to data processing: ${p.consent}`,
  'privacy.doneStudent': 'Consent withdrawn. The bot no longer shows your lessons and grades or sends notices. To give it again: /privacy.',
  'menu.studentToday': 'Lessons today',
  'menu.studentTomorrow': 'Lessons tomorrow',
  'menu.studentWeek': 'Week',
  'menu.studentGrades': 'Grades',
  'menu.settings': 'Settings',
  'view.room': (p: { room: string }) => `(room ${p.room})`,
  'code.needsGuardian':
    'A student under 14 gets access only after a parent has consented to the processing of personal data. ' +
    'Ask a parent to confirm consent in this bot (/privacy), then send the same code again: it still works.',
  'student.needGuardian':
    'Until a parent confirms consent to the processing of personal data, the bot cannot show your lessons and grades. ' +
    'Ask a parent to confirm consent in this bot.',
  'student.consentLead': 'You are 14 or older: you give consent to the processing of your personal data yourself.',
  'student.consentAccepted':
    'Thank you! Your consent is recorded. Your lessons, homework and grades are now available, and grade notices will come.',
  'student.consentDeclined':
    'All right. Until you consent, the bot does not show your lessons and grades. You can consent at any time: open any menu item.',
  'student.gone': 'Not available: you can see only your own lessons and grades.',
  'student.weekPrev': '‹ Previous week',
  'student.weekNext': 'Next week ›',
  'student.grades': '📊 Grades for the period',
};
