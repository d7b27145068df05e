import type { App } from '../../src/app.js';
import type { RosterInput } from '../../src/domain/roster/types.js';
import { createSchool } from '../helpers/app.js';

/**
 * 7А split for English into two subgroups (Иванов, Петров in гр. 1; Сидоров in гр. 2), with
 * mathematics for the whole class; 7Б beside it. Loaded through the HTTP API as a school would.
 */
export const SPLIT_ROSTER: RosterInput = {
  groups: [
    { externalId: '7А', name: '7А' },
    { externalId: '7Б', name: '7Б' },
    { externalId: '7А-en-1', name: 'гр. 1', kind: 'subgroup', parentExternalId: '7А' },
    { externalId: '7А-en-2', name: 'гр. 2', kind: 'subgroup', parentExternalId: '7А' },
  ],
  staff: [
    { externalId: 'T1', lastName: 'Английская', firstName: 'Анна', roles: ['teacher'] },
    { externalId: 'T2', lastName: 'Британова', firstName: 'Берта', roles: ['teacher'] },
    { externalId: 'T3', lastName: 'Числова', firstName: 'Вера', roles: ['teacher'] },
  ],
  students: [
    { externalId: 'S1', lastName: 'Иванов', firstName: 'Иван', groupExternalId: '7А', subgroupExternalIds: ['7А-en-1'] },
    { externalId: 'S2', lastName: 'Петров', firstName: 'Пётр', groupExternalId: '7А', subgroupExternalIds: ['7А-en-1'] },
    { externalId: 'S3', lastName: 'Сидоров', firstName: 'Сидор', groupExternalId: '7А', subgroupExternalIds: ['7А-en-2'] },
    { externalId: 'S4', lastName: 'Орлова', firstName: 'Ольга', groupExternalId: '7Б' },
  ],
  parents: [
    { externalId: 'P1', lastName: 'Иванова', firstName: 'Мария', childrenExternalIds: ['S1'] },
    { externalId: 'P3', lastName: 'Сидорова', firstName: 'Софья', childrenExternalIds: ['S3'] },
  ],
};

export const SPLIT_COURSES = [
  { externalId: 'en1', groupExternalId: '7А-en-1', subject: 'Английский язык', teacherExternalId: 'T1' },
  { externalId: 'en2', groupExternalId: '7А-en-2', subject: 'Английский язык', teacherExternalId: 'T2' },
  { externalId: 'math', groupExternalId: '7А', subject: 'Математика', teacherExternalId: 'T3' },
  { externalId: 'en7b', groupExternalId: '7Б', subject: 'Английский язык', teacherExternalId: 'T1' },
];

export const BELLS = [
  { period: 1, start: '08:30', end: '09:10' },
  { period: 2, start: '09:20', end: '10:00' },
];

export async function splitSchool(app: App, timezone = 'Europe/Moscow') {
  const created = await createSchool(app, { timezone });
  const post = async (url: string, payload: object) => {
    const res = await app.http!.inject({ method: 'POST', url, headers: created.auth, payload });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.body}`);
    return res.json();
  };
  const roster = await post('/v1/roster?effectiveDate=2026-09-01', SPLIT_ROSTER);
  const courses = await post('/v1/courses', { items: SPLIT_COURSES });
  return { ...created, post, groupIds: roster.groupIds as Record<string, number>, courseIds: courses.ids as Record<string, number> };
}
