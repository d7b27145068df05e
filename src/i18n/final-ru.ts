import { pluralRu } from './format.js';

const PERIOD: Record<string, string> = { quarters: 'четверть', trimesters: 'триместр', halves: 'полугодие' };
const marks = (n: number) => `${n} ${pluralRu(n, ['отметка', 'отметки', 'отметок'])}`;

/** The final-grade screen of a class (term grades) and the final-grade hints of the lesson's grade flow. */
export const finalRu = {
  'final.title': (p: { subject: string; group: string; n: number; kind: string }) =>
    `<b>Итоговые отметки: ${p.subject}, ${p.group}</b> — ${p.n} ${PERIOD[p.kind] ?? 'период'}`,
  'final.window': (p: { opens: string; due: string; closes: string }) => `Приём отметок: ${p.opens} – ${p.closes}, срок — ${p.due}.`,
  'final.window.notYet': (p: { opens: string }) => `🔒 Приём отметок откроется ${p.opens}.`,
  'final.window.over': (p: { closes: string }) => `🔒 Приём отметок закрыт ${p.closes}.`,
  'final.minimum': (p: { n: number; refuse: boolean }) =>
    `Минимум текущих отметок — ${p.n}: у кого меньше — ${p.refuse ? '⛔ итоговую поставить нельзя' : '⚠ итоговую поставить можно'}.`,
  'final.line': (p: { n: number; name: string; summary: string; final: string }) =>
    `${p.n}. ${p.name} — ${p.summary} · итог: ${p.final ? `<b>${p.final}</b>` : '—'}`,
  'final.summary': (p: { average: string; suggestion: string; count: number }) => `${p.average} → ${p.suggestion} (${marks(p.count)})`,
  'final.summary.none': (p: { count: number }) => (p.count ? `${marks(p.count)}, без среднего` : 'нет отметок'),
  'final.empty': 'В классе нет учеников за этот период.',
  'final.pick': (p: { name: string }) => `Итоговая отметка для <b>${p.name}</b>:`,
  'final.marks': (p: { list: string }) => `Текущие отметки: ${p.list}`,
  'final.marks.none': 'Текущих отметок за период нет.',
  'final.average': (p: { average: string; suggestion: string }) => `Средний балл: ${p.average} → предлагается <b>${p.suggestion}</b>`,
  'final.underMinimum': (p: { count: number; min: number }) => `⚠ ${marks(p.count)} — меньше минимума (${p.min}).`,
  'final.saved': (p: { name: string; value: string }) => `✅ Сохранено: ${p.name} — ${p.value}`,
  'final.savedMany': (p: { n: number }) => `✅ ${pluralRu(p.n, ['Поставлена', 'Поставлены', 'Поставлено'])} ${marks(p.n)}.`,
  'final.warned': (p: { n: number }) => `⚠ У ${p.n} ${pluralRu(p.n, ['ученика', 'учеников', 'учеников'])} меньше минимума текущих отметок.`,
  'final.skipped': (p: { n: number }) =>
    `Без предложения ${pluralRu(p.n, ['остался', 'осталось', 'осталось'])} ${p.n} ${pluralRu(p.n, ['ученик', 'ученика', 'учеников'])}: выставьте вручную.`,
  'final.unchanged': 'Эта отметка уже стоит.',
  'final.nothingToTake': 'Нет учеников без итоговой отметки, для которых есть предложение.',
  'final.btn.open': '🏁 Итоговые оценки',
  'final.btn.takeAll': (p: { n: number }) => `✓ Поставить предложенные (${p.n})`,
  'final.btn.take': (p: { value: string }) => `✓ ${p.value}`,
  'final.btn.back': '‹ К списку',
  'final.refused.window': (p: { opens: string; closes: string }) =>
    `Итоговые отметки за этот период принимаются с ${p.opens} по ${p.closes} — ничего не сохранено.`,
  'final.refused.minimum': (p: { count: number; min: number }) =>
    `У ученика ${marks(p.count)} за период, а нужно не меньше ${p.min} — итоговую поставить нельзя.`,
  'final.refused.noPeriods': 'Для этого класса не загружены учебные периоды: итоговые отметки ставятся через «Оценки» на уроке.',
  'final.refused.external': 'Эта отметка пришла из основного журнала — меняйте её там.',
  'final.refused.forbidden': 'Это не ваш предмет.',
  'final.refused.notFound': 'Предмет не найден.',
  'final.refused.stale': 'Кнопка устарела. Откройте итоговые оценки заново.',
} as const;
