import type { ArchiveTable } from './types.js';

/** Each archived table: its file, what it holds, and its columns in file order. */
export const ARCHIVE_FILES: Record<ArchiveTable, { file: string; description: string; columns: string[] }> = {
  groups: {
    file: 'groups.csv',
    description: "classes, clubs and subgroups of the school (parent_group_id: a subgroup's class)",
    columns: ['id', 'external_id', 'name', 'kind', 'parent_group_id', 'grade_level', 'class_teacher_id'],
  },
  students: {
    file: 'students.csv',
    description: 'students enrolled in the year',
    columns: ['id', 'external_id', 'last_name', 'first_name', 'middle_name', 'birth_date'],
  },
  enrollments: {
    file: 'enrollments.csv',
    description: 'stays of students in groups overlapping the year (to_date inclusive, empty while enrolled)',
    columns: ['id', 'student_id', 'group_id', 'from_date', 'to_date', 'reason'],
  },
  staff: {
    file: 'staff.csv',
    description: 'teachers and administration (no parents)',
    columns: ['id', 'external_id', 'roles', 'last_name', 'first_name', 'middle_name'],
  },
  courses: {
    file: 'courses.csv',
    description: 'courses: group × subject × teacher with curriculum hours',
    columns: ['id', 'external_id', 'group_id', 'subject', 'teacher_id', 'planned_hours'],
  },
  plan_items: {
    file: 'plan_items.csv',
    description: 'calendar-thematic plans (КТП) of the courses',
    columns: ['id', 'course_id', 'position', 'topic', 'hours'],
  },
  lessons: {
    file: 'lessons.csv',
    description: 'lessons of the year with topic and homework',
    columns: [
      'id',
      'external_id',
      'course_id',
      'group_id',
      'teacher_id',
      'substitute_id',
      'date',
      'period',
      'starts_at',
      'ends_at',
      'status',
      'cancel_reason',
      'topic',
      'homework',
      'plan_item_id',
      'attendance_filled_at',
      'topic_filled_at',
      'homework_filled_at',
    ],
  },
  attendance: {
    file: 'attendance.csv',
    description: 'attendance marks of the lessons',
    columns: ['id', 'lesson_id', 'student_id', 'status', 'reason', 'parent_explanation', 'marked_by', 'marked_at'],
  },
  grades: {
    file: 'grades.csv',
    description: 'grades dated in the year, removed ones with deleted_at',
    columns: [
      'id',
      'external_id',
      'course_id',
      'lesson_id',
      'student_id',
      'kind',
      'term',
      'value',
      'comment',
      'date',
      'created_by',
      'created_at',
      'updated_at',
      'deleted_at',
    ],
  },
  audit_log: {
    file: 'audit_log.jsonl',
    description: 'who changed what during the year: one JSON object a line',
    columns: ['id', 'actor_id', 'via', 'entity', 'entity_id', 'action', 'before', 'after', 'at'],
  },
};

export function csvValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(' ');
  return String(value);
}

export const README = (school: string, from: string, to: string) => `Архив электронного журнала / Electronic journal archive
Школа / School: ${school}
Учебный год / School year: ${from} — ${to}

Files (UTF-8; CSV: RFC 4180, comma-separated, first line is the header; times are UTC ISO 8601):
${Object.values(ARCHIVE_FILES)
  .map((f) => `  ${f.file.padEnd(18)} ${f.description}\n${' '.repeat(21)}columns: ${f.columns.join(', ')}`)
  .join('\n')}
  manifest.json      school, period, creation time, row counts per file
  SHA256SUMS         SHA-256 of every other file; check with: sha256sum -c SHA256SUMS
`;
