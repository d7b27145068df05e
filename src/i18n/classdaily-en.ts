import type { FlagReason } from '../domain/class-daily/types.js';
import type { classdailyRu } from './classdaily-ru.js';
import { pluralEn } from './format.js';
import type { Messages } from './ru.js';

const students = (n: number) => `${n} ${pluralEn(n, ['student', 'students'])}`;
const lessons = (n: number) => `${n} ${pluralEn(n, ['lesson', 'lessons'])}`;
const schoolDays = (n: number) => `${n} school ${pluralEn(n, ['day', 'days'])}`;
const KIND: Record<string, string> = { current: '', term: ' (term grade)', year: ' (year grade)' };

const REASONS: Record<FlagReason, string> = {
  unprepared: 'not prepared for lessons',
  late: 'often late',
  truancy: 'misses lessons without a reason',
  failing: 'failing grades',
  behaviour: 'behaviour',
};

export const classdailyEn: Pick<Messages, keyof typeof classdailyRu> = {
  'classdaily.subject': (p) => `My class: what needs attention, ${p.day}`,
  'classdaily.class': (p) => `<b>${p.name}</b>`,
  'classdaily.absentToday': (p) => `Absent all day with no explanation (${students(p.n)}):`,
  'classdaily.absentToday.line': (p) => `• ${p.name} — missed ${lessons(p.lessons)}`,
  'classdaily.streak': (p) => `Absent ${schoolDays(p.days)} in a row (${students(p.n)}):`,
  'classdaily.streak.line': (p) => `• ${p.name}`,
  'classdaily.failing': (p) => `New failing grades (${p.n}):`,
  'classdaily.failing.line': (p) => `• ${p.name} — ${p.subject}: ${p.value === 'fail' ? 'fail' : p.value}${KIND[p.kind] ?? ''}`,
  'classdaily.flags': (p) => `From subject teachers (${p.n}):`,
  'classdaily.flags.line': (p) => `• ${p.name} — ${REASONS[p.reason]} (${p.subject}, ${p.teacher})`,
  'classdaily.more': (p) => `…and ${p.n} more`,
  'classdaily.open': (p) => `Open ${p.name}`,
  'flag.btn': '🚩 To the class teacher',
  'flag.chooseStudent': (p) => `🚩 <b>${p.subject}, ${p.group}</b>\nWhom should the class teacher hear about?`,
  'flag.chooseReason': (p) => `🚩 <b>${p.name}</b>\nWhat should the class teacher know?`,
  'flag.reason.unprepared': REASONS.unprepared,
  'flag.reason.late': REASONS.late,
  'flag.reason.truancy': REASONS.truancy,
  'flag.reason.failing': REASONS.failing,
  'flag.reason.behaviour': REASONS.behaviour,
  'flag.saved': (p) => `🚩 The class teacher will see it in the next daily summary: ${p.name} — ${REASONS[p.reason]}.`,
  'flag.notOnRoster': 'This student is not on the lesson roster: nothing was saved.',
  'flag.back': '← Back to the lesson',
};
