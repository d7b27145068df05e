import type { Messages } from './ru.js';
import type { staffRu } from './staff-ru.js';

export const staffEn: Pick<Messages, keyof typeof staffRu> = {
  'staff.closed': (p) =>
    `Your access to the journal was closed by the school “${p.school}”. If this is a mistake, contact the school's administrator.`,
  'staff.departed': ' (no longer at the school: hand the lessons over to another teacher)',
  'staff.nudge.departed':
    'This teacher no longer works at the school: there is nobody to remind. Hand the lessons over to another teacher.',
};
