import type { DivisionKind } from '../domain/year/types.js';
import { pluralRu } from './format.js';

/** «2-я четверть», «1-й триместр», «2-е полугодие»: a study period by its kind and number. */
export function periodNameRu(kind: DivisionKind | null, n: number): string {
  if (kind === 'quarters') return `${n}-я четверть`;
  if (kind === 'trimesters') return `${n}-й триместр`;
  if (kind === 'halves') return `${n}-е полугодие`;
  return `${n}-й учебный период`;
}

/** The same after «за»: «за 2-ю четверть». */
export function periodAfterZaRu(kind: DivisionKind | null, n: number): string {
  return kind === 'quarters' ? `${n}-ю четверть` : periodNameRu(kind, n);
}

/** Short lower-case names of the default work types (src/domain/year/work-types.ts); others keep the school's name. */
const WORK: Record<string, string> = {
  control: 'контрольная',
  dictation: 'диктант',
  essay: 'сочинение',
  summary: 'изложение',
  credit: 'зачёт',
  lab: 'лабораторная',
  practical: 'практическая',
  independent: 'самостоятельная',
  check: 'проверочная',
  test: 'тест',
};
const MARK: Record<string, string> = { pass: 'зачёт', fail: 'незачёт' };
const work = (code: string | null, name: string | null) => (code === null ? '' : ` (${WORK[code] ?? (name ?? code).toLowerCase()})`);

const number = (v: number) => v.toFixed(2).replace('.', ',');
const marks = (n: number) => `${n} ${pluralRu(n, ['оценка', 'оценки', 'оценок'])}`;
type Summary = { subject: string; count: number; average: number | null; forecast: string | null; enough: boolean; term: string | null };
const term = (v: string | null) => (v ? ` · итоговая <b>${MARK[v] ?? v}</b>` : '');

/** The parent's screens of a study period (Russian, the reference). */
export const periodRu = {
  'period.btn.list': 'оценки',
  'period.btn.open': '📊 Оценки за период',
  'period.btn.subjects': '← Все предметы',
  'period.head': (p: { name: string; kind: DivisionKind | null; n: number; from: string; to: string }) =>
    `<b>${p.name}</b> — ${periodNameRu(p.kind, p.n)}, ${p.from}–${p.to}`,
  'period.fallback': (p: { name: string; months: number; from: string; to: string }) =>
    `<b>${p.name}</b> — ${p.from}–${p.to}\n<i>Учебные периоды в школе не загружены, поэтому показаны оценки за последние ${p.months} ${pluralRu(p.months, ['месяц', 'месяца', 'месяцев'])}.</i>`,
  'period.hint': (p: { min: number }) =>
    `Средний балл взвешен по видам работ (контрольные весят больше). Прогноз — округлённый средний балл, если оценок не меньше ${p.min}; итоговую отметку ставит учитель.`,
  'period.line': (p: Summary) => {
    if (!p.count) return `• <b>${p.subject}</b> — оценок нет${term(p.term)}`;
    const avg = p.average === null ? marks(p.count) : `${number(p.average)} (${marks(p.count)})`;
    const forecast = !p.enough ? ' · мало оценок для прогноза' : p.forecast ? ` · прогноз <b>${p.forecast}</b>` : '';
    return `• <b>${p.subject}</b> — ${avg}${forecast}${term(p.term)}`;
  },
  'period.none': 'За этот период у ребёнка нет предметов в расписании.',
  'period.subject.head': (p: { name: string; subject: string }) => `<b>${p.name}</b> — ${p.subject}`,
  'period.subject.range': (p: { kind: DivisionKind | null; n: number | null; from: string; to: string }) =>
    p.n === null ? `${p.from}–${p.to}` : `${periodNameRu(p.kind, p.n)}, ${p.from}–${p.to}`,
  'period.mark': (p: { date: string; value: string; workCode: string | null; workName: string | null; comment: string | null }) =>
    `${p.date} — <b>${MARK[p.value] ?? p.value}</b>${work(p.workCode, p.workName)}${p.comment ? ` — ${p.comment}` : ''}`,
  'period.noMarks': 'Оценок за этот период пока нет.',
  'period.average': (p: { average: number | null; count: number }) =>
    p.average === null ? `Оценок: ${p.count}` : `Средний балл: <b>${number(p.average)}</b> (${marks(p.count)}, с учётом веса работ)`,
  'period.forecast': (p: { forecast: string | null; enough: boolean; count: number; min: number }) =>
    !p.enough
      ? `Прогноз итоговой: пока мало оценок (${p.count} из ${p.min})`
      : p.forecast
        ? `Прогноз итоговой: <b>${p.forecast}</b>`
        : 'Прогноз итоговой: нет (нет оценок в баллах)',
  'period.term': (p: { kind: DivisionKind | null; n: number | null; value: string }) =>
    `Итоговая${p.n === null ? '' : ` за ${periodAfterZaRu(p.kind, p.n)}`}: <b>${MARK[p.value] ?? p.value}</b>`,
  'period.gone': 'Эти оценки недоступны: ребёнок не найден среди ваших детей или не изучает этот предмет. Откройте «Мои дети» заново.',
} as const;
