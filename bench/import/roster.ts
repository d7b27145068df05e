/**
 * Roster import at the size of a large school: 2,000 students in 40 classes, about 1.5
 * parents per student (every fifth student is a sibling; most families give both parents),
 * 100 staff. Parses and imports the CSVs
 * through the roster service, the way the HTTP routes do.
 */
import iconv from 'iconv-lite';
import { createServices } from '../../src/services.js';
import { createConfig } from '../../src/config.js';
import { createDbClient } from '../../src/db/client.js';
import { systemClock } from '../../src/domain/shared/clock.js';
import { timed } from '../lib/database.js';

const LAST = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров'];
const FIRST = ['Александр', 'Максим', 'Иван', 'Артём', 'Дмитрий', 'Никита', 'Михаил', 'Егор', 'Матвей', 'Андрей'];
const MIDDLE = ['Сергеевич', 'Андреевич', 'Петрович', 'Игоревич', 'Олегович'];
const LETTERS = ['А', 'Б', 'В', 'Г'];

function studentsCsv(count: number): Buffer {
  const classes = Array.from({ length: 40 }, (_, i) => `${(i % 10) + 2}${LETTERS[Math.floor(i / 10)]}`);
  const lines = [
    'Класс;ID ученика;Фамилия;Имя;Отчество;Дата рождения;Родитель 1 ID;Родитель 1 ФИО;Родитель 1 телефон;Родитель 1 e-mail;Родитель 2 ID;Родитель 2 ФИО;Родитель 2 телефон;Родитель 2 e-mail',
  ];
  let family = 0;
  for (let i = 0; i < count; i++) {
    // Every fifth student is the younger sibling of the previous one and shares the parents.
    if (i % 5 !== 1) family++;
    const last = LAST[family % LAST.length]!;
    const mother = `P${family}-1;${last}а Мария Ивановна;+7913${String(family).padStart(7, '0')};m${family}@example.ru`;
    const father = family % 8 !== 0 ? `P${family}-2;${last} Сергей Петрович;8 913 ${String(family).padStart(7, '0')};` : ';;;';
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(
      `${classes[i % 40]};S${i};${last};${FIRST[i % FIRST.length]};${MIDDLE[i % MIDDLE.length]};${day}.0${(i % 9) + 1}.201${i % 10};${mother};${father}`,
    );
  }
  return iconv.encode(lines.join('\r\n'), 'win1251');
}

function staffCsv(count: number): Buffer {
  const lines = ['ID;Фамилия;Имя;Отчество;E-mail;Телефон;Роли;Классное руководство'];
  for (let i = 0; i < count; i++) {
    const leads = i < 40 ? `${(i % 10) + 2}${LETTERS[Math.floor(i / 10)]}` : '';
    const roles = i === 0 ? 'директор' : i < 4 ? 'заместитель директора, учитель' : leads ? 'учитель, классный руководитель' : 'учитель';
    lines.push(`T${i};${LAST[i % LAST.length]}а;${FIRST[i % FIRST.length]}а;Ивановна;t${i}@example.ru;;"${roles}";${leads}`);
  }
  return Buffer.from(`\ufeff${lines.join('\n')}`, 'utf8');
}

export async function benchRoster(url: string): Promise<void> {
  const config = createConfig({ DATABASE_URL: url });
  const db = createDbClient(config.databaseUrl);
  try {
    const services = createServices(config, db, systemClock);
    const { school } = await services.schools.create({ kind: 'system' }, { name: 'Bench school', timezone: 'Europe/Moscow' });
    const principal = { kind: 'api' as const, schoolId: school.id };
    const students = studentsCsv(2000);
    const staff = staffCsv(100);

    const { result: staffReport } = await timed('roster import (100 staff)', () => services.roster.importStaffCsv(principal, staff));
    const { result: report } = await timed('roster import (2000 students)', () => services.roster.importStudentsCsv(principal, students));
    console.log(
      `  groups ${JSON.stringify(report.groups)} students ${JSON.stringify(report.students)} parents ${JSON.stringify(report.parents)}`,
    );
    console.log(
      `  guardianships ${JSON.stringify(report.guardianships)} enrollments ${JSON.stringify(report.enrollments)} staff ${JSON.stringify(staffReport.staff)}`,
    );
    const { result: again } = await timed('roster re-import, nothing changed (2000 students)', () =>
      services.roster.importStudentsCsv(principal, students),
    );
    console.log(`  students ${JSON.stringify(again.students)} parents ${JSON.stringify(again.parents)}`);
  } finally {
    await db.close();
  }
}
