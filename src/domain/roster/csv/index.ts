export { parseStaffCsv, parseRoles, STAFF_COLUMNS } from './staff-csv.js';
export { parseStudentsCsv, STUDENT_COLUMNS } from './students-csv.js';
export type { CsvSource } from './source.js';
export { MAX_ROSTER_ROWS } from './table.js';
