import { ID } from '../callback-id.js';

/**
 * Callback data of the class journal, `cj:<screen>:<groupId>[:<arg>]` (≤ 30 bytes):
 * m menu, d day, w week, n month (arg: a date yyyymmdd), g grades, s one subject's sheet
 * (arg: subject id), r risk list, p parents. Untrusted: the service checks the group.
 */
export type Screen = 'm' | 'd' | 'w' | 'n' | 'g' | 's' | 'r' | 'p';

export const PATTERN = new RegExp(`^cj:([mdwngrp]):${ID}(?::(\\d{8}))?$|^cj:s:${ID}:${ID}$`);

const compact = (date: string) => date.replaceAll('-', '');

export const cj = {
  menu: (g: number) => `cj:m:${g}`,
  day: (g: number, date?: string) => (date ? `cj:d:${g}:${compact(date)}` : `cj:d:${g}`),
  week: (g: number, date?: string) => (date ? `cj:w:${g}:${compact(date)}` : `cj:w:${g}`),
  month: (g: number, date?: string) => (date ? `cj:n:${g}:${compact(date)}` : `cj:n:${g}`),
  grades: (g: number) => `cj:g:${g}`,
  sheet: (g: number, subjectId: number) => `cj:s:${g}:${subjectId}`,
  risk: (g: number) => `cj:r:${g}`,
  parents: (g: number) => `cj:p:${g}`,
};

export interface Press {
  screen: Screen;
  groupId: number;
  /** yyyy-mm-dd (not yet checked to be a calendar date: the service does). */
  date?: string;
  subjectId?: number;
}

export function parsePress(data: string): Press | null {
  const m = PATTERN.exec(data);
  if (!m) return null;
  if (m[4] !== undefined) return { screen: 's', groupId: Number(m[4]), subjectId: Number(m[5]) };
  const d = m[3];
  return { screen: m[1] as Screen, groupId: Number(m[2]), date: d ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : undefined };
}
