import type { FlagReason } from '../domain/class-daily/types.js';
import { pluralRu } from './format.js';

const students = (n: number) => `${n} ${pluralRu(n, ['ученик', 'ученика', 'учеников'])}`;
const lessons = (n: number) => `${n} ${pluralRu(n, ['урок', 'урока', 'уроков'])}`;
const schoolDays = (n: number) => `${n} ${pluralRu(n, ['учебный день', 'учебных дня', 'учебных дней'])}`;
const KIND: Record<string, string> = { current: '', term: ' (четвертная/триместровая)', year: ' (годовая)' };

export const FLAG_REASONS_RU: Record<FlagReason, string> = {
  unprepared: 'не готов к урокам',
  late: 'систематически опаздывает',
  truancy: 'пропуски без причины',
  failing: 'неудовлетворительные оценки',
  behaviour: 'поведение',
};

/** The class teacher's daily message, and the subject teacher's flag on the lesson card. */
export const classdailyRu = {
  'classdaily.subject': (p: { day: string }) => `Мой класс: что требует внимания, ${p.day}`,
  'classdaily.class': (p: { name: string }) => `<b>${p.name}</b>`,
  'classdaily.absentToday': (p: { n: number }) => `Весь день без объяснения причин (${students(p.n)}):`,
  'classdaily.absentToday.line': (p: { name: string; lessons: number }) => `• ${p.name} — пропущено ${lessons(p.lessons)}`,
  'classdaily.streak': (p: { n: number; days: number }) => `Не были в школе ${schoolDays(p.days)} подряд (${students(p.n)}):`,
  'classdaily.streak.line': (p: { name: string }) => `• ${p.name}`,
  'classdaily.failing': (p: { n: number }) => `Новые неудовлетворительные оценки (${p.n}):`,
  'classdaily.failing.line': (p: { name: string; subject: string; value: string; kind: string; term: number | null }) =>
    `• ${p.name} — ${p.subject}: ${p.value === 'fail' ? 'не зачтено' : p.value}${KIND[p.kind] ?? ''}`,
  'classdaily.flags': (p: { n: number }) => `Сообщения учителей (${p.n}):`,
  'classdaily.flags.line': (p: { name: string; subject: string; teacher: string; reason: FlagReason }) =>
    `• ${p.name} — ${FLAG_REASONS_RU[p.reason]} (${p.subject}, ${p.teacher})`,
  'classdaily.more': (p: { n: number }) => `…и ещё ${p.n}`,
  'classdaily.open': (p: { name: string }) => `Открыть ${p.name}`,
  'flag.btn': '🚩 Классному руководителю',
  'flag.chooseStudent': (p: { subject: string; group: string }) =>
    `🚩 <b>${p.subject}, ${p.group}</b>\nО ком сообщить классному руководителю?`,
  'flag.chooseReason': (p: { name: string }) => `🚩 <b>${p.name}</b>\nЧто сообщить классному руководителю?`,
  'flag.reason.unprepared': FLAG_REASONS_RU.unprepared,
  'flag.reason.late': FLAG_REASONS_RU.late,
  'flag.reason.truancy': FLAG_REASONS_RU.truancy,
  'flag.reason.failing': FLAG_REASONS_RU.failing,
  'flag.reason.behaviour': FLAG_REASONS_RU.behaviour,
  'flag.saved': (p: { name: string; reason: FlagReason }) =>
    `🚩 Классный руководитель увидит это в ближайшей ежедневной сводке: ${p.name} — ${FLAG_REASONS_RU[p.reason]}.`,
  'flag.notOnRoster': 'Этого ученика нет в списке урока — сообщение не сохранено.',
  'flag.back': '← К уроку',
};
