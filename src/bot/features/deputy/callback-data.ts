import type { Period } from '../../../domain/compliance/index.js';
import { REPORT_KINDS, type ReportKind } from '../../../domain/reports/index.js';
import { ID, ID_DIGITS } from '../callback-id.js';

/**
 * Callback data of the deputy director's screens: ASCII, versioned (`cp1`, `rp1`), at most 64
 * bytes, and untrusted: every parser is strict and returns null for anything it does not fully
 * understand. `nudge:` is the escalation alert's button (src/notifications/templates).
 */

export type ReportPeriod = 'm' | 'l' | 'y';
export const REPORT_PERIODS: readonly ReportPeriod[] = ['m', 'l', 'y'];
const PERIOD_CODE: Record<'d' | 'w' | 'm', Period> = { d: 'day', w: 'week', m: 'month' };

const KIND = '([a-z-]{1,24})';

export const PATTERNS = {
  summary: /^cp1:([dwm]):(0|[1-9]\d?)$/,
  nudge: new RegExp(`^nudge:${ID}:(\\d{8})$`),
  reportList: /^rp1$/,
  reportBack: /^rp1:l$/,
  reportKind: new RegExp(`^rp1:k:${KIND}$`),
  reportPeriod: new RegExp(`^rp1:p:${KIND}:([mly])$`),
  reportFile: new RegExp(`^rp1:g:${KIND}:([mly]):(0|${ID_DIGITS})$`),
  /** A head of department's monthly PDF of one department (last month). */
  departmentReport: new RegExp(`^dm1:${ID}$`),
} as const;

/** Anything that looks like ours; what matches no pattern above is tampered or from an old version. */
export const OURS = /^(cp\d+|rp\d+|dm\d+|nudge)(:|$)/;

export const cb = {
  summary: (period: Period, page = 0) => `cp1:${period[0]}:${page}`,
  reportList: () => 'rp1',
  reportBack: () => 'rp1:l',
  reportKind: (kind: ReportKind) => `rp1:k:${kind}`,
  reportPeriod: (kind: ReportKind, period: ReportPeriod) => `rp1:p:${kind}:${period}`,
  reportFile: (kind: ReportKind, period: ReportPeriod, groupId: number | null) => `rp1:g:${kind}:${period}:${groupId ?? 0}`,
  departmentReport: (departmentId: number) => `dm1:${departmentId}`,
};

export function periodOf(code: string): Period {
  return PERIOD_CODE[code as keyof typeof PERIOD_CODE];
}

export function reportKindOf(value: string): ReportKind | null {
  return (REPORT_KINDS as readonly string[]).includes(value) ? (value as ReportKind) : null;
}

/** 'YYYYMMDD' to 'YYYY-MM-DD' when it is a real calendar date. */
export function parseCompactDate(compact: string): string | null {
  const date = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date ? null : date;
}
