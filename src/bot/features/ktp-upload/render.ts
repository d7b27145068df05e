import type { PlanDryRun } from '../../../domain/schedule/index.js';
import type { ErrorDetail } from '../../../domain/shared/errors.js';
import type { Translate } from '../../../i18n/index.js';

/** A dry run lists this many changes and a refusal this many rows: the message stays short on a phone. */
const SHOWN_CHANGES = 8;
const SHOWN_ROWS = 10;
/** A topic may be 1000 characters; a line of the dry run shows the start of it. */
const TOPIC_CHARS = 80;

const short = (s: string) => (s.length > TOPIC_CHARS ? `${s.slice(0, TOPIC_CHARS - 1)}…` : s);

export function dryRunText(t: Translate, course: string, run: PlanDryRun): string {
  const lines = [t('ktp.dry.title', { course }), t('ktp.dry.total', { total: run.total })];
  lines.push(t('ktp.dry.counts', { created: run.created, updated: run.updated, deleted: run.deleted, unchanged: run.unchanged }));
  if (run.kept) lines.push(t('ktp.dry.kept', { kept: run.kept }));
  if (!hasChanges(run)) return [...lines, '', t('ktp.dry.same')].join('\n');
  lines.push('', t('ktp.dry.first'));
  for (const c of run.changes.slice(0, SHOWN_CHANGES)) {
    const topic = short(c.topic);
    if (c.kind === 'change') lines.push(t('ktp.change.change', { position: c.position, topic, before: short(c.before ?? '') }));
    else if (c.kind === 'keep') lines.push(t('ktp.change.keep', { position: c.position, topic, lessons: c.lessons ?? 0 }));
    else lines.push(t(c.kind === 'add' ? 'ktp.change.add' : 'ktp.change.remove', { position: c.position, topic }));
  }
  const rest = run.created + run.updated + run.deleted + run.kept - Math.min(run.changes.length, SHOWN_CHANGES);
  if (rest > 0) lines.push(t('ktp.dry.more', { count: rest }));
  return [...lines, '', t('ktp.dry.confirm')].join('\n');
}

export const hasChanges = (run: PlanDryRun) => run.created + run.updated + run.deleted + run.kept > 0;

/** The quoted value an import problem names (`"abc" is not a whole number`). */
const quoted = (message: string) => /"([^"]*)"/.exec(message)?.[1] ?? '';

function reasonOf(t: Translate, d: ErrorDetail): string {
  if (d.path?.startsWith('line ')) return t('ktp.reason.number', { value: `«${quoted(d.message)}»` });
  switch (d.field) {
    case 'topic':
      return t('ktp.reason.topic');
    case 'hours':
      return t('ktp.reason.hours');
    case 'position':
      return t('ktp.reason.position');
    case 'workType':
      return t('ktp.reason.workType', { value: `«${quoted(d.message)}»` });
    default:
      return d.message;
  }
}

/** The broken rows of a refused file, each with its row number in the file and the reason in the teacher's language. */
export function brokenRowsText(t: Translate, course: string, details: readonly ErrorDetail[]): string {
  const rowProblems = details.filter((d) => d.row !== undefined);
  // The domain lists the first 100 problems and one entry counting the rest.
  const beyond = Number(/(\d+) more/.exec(details.find((d) => d.row === undefined && d.path === undefined)?.message ?? '')?.[1] ?? 0);
  const rows = new Set(rowProblems.map((d) => d.row));
  const lines = [t('ktp.broken', { course, count: rows.size + beyond })];
  for (const d of rowProblems.slice(0, SHOWN_ROWS)) lines.push(t('ktp.row', { row: String(d.row), reason: reasonOf(t, d) }));
  const rest = rowProblems.length - Math.min(rowProblems.length, SHOWN_ROWS) + beyond;
  if (rest > 0) lines.push(t('ktp.more', { count: rest }));
  lines.push('', t('ktp.fixAndResend'));
  return lines.join('\n');
}
