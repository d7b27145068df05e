import type { CsvRecord } from '../csv/index.js';
import { DomainError } from '../shared/errors.js';
import { parsePlanCsv, planItemsOf } from './plan-csv.js';
import { MAX_PLAN_ITEMS, type PlanItemInput } from './plan.js';

/** A КТП file a teacher sends to the bot: CSV or XLSX, at most this big (a year's plan is a few dozen KB). */
export const MAX_PLAN_FILE_BYTES = 1024 * 1024;

/** Reads the first sheet of an XLSX workbook; implemented with exceljs outside the domain (src/documents). */
export interface SpreadsheetReader {
  /**
   * The non-empty rows of the first sheet as text cells, each with its row number; at most
   * `maxRows + 2` rows are returned so the caller can tell a too-long sheet. Throws
   * PlanFileError('not_spreadsheet') for bytes that are no workbook.
   */
  firstSheet(bytes: Uint8Array, maxRows: number): Promise<CsvRecord[]>;
}

export type PlanFileProblem = 'too_large' | 'not_supported' | 'not_spreadsheet' | 'empty' | 'too_many_rows';

/** A file that cannot be read as a plan at all, before any row is looked at. */
export class PlanFileError extends DomainError {
  constructor(
    readonly reason: PlanFileProblem,
    message: string,
  ) {
    super(reason === 'too_large' || reason === 'too_many_rows' ? 'payload_too_large' : 'validation_failed', message);
  }
}

export interface PlanFile {
  name: string | null;
  mimeType: string | null;
  bytes: Uint8Array;
}

type Kind = 'csv' | 'xlsx';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV_MIMES = ['text/csv', 'text/plain', 'text/comma-separated-values', 'application/csv', 'application/vnd.ms-excel'];

/**
 * Which reader a file is for, by its name and then its declared type. The content must agree:
 * an XLSX is a ZIP archive (it starts with «PK»), and text has no NUL bytes (a PDF or an image renamed .csv has).
 */
export function planFileKind(file: Pick<PlanFile, 'name' | 'mimeType'>): Kind | null {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name ?? '')?.[1]?.toLowerCase();
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'csv' || ext === 'txt') return 'csv';
  if (ext) return null;
  if (file.mimeType === XLSX_MIME) return 'xlsx';
  return file.mimeType && CSV_MIMES.includes(file.mimeType) ? 'csv' : null;
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isPdf = (b: Uint8Array) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46;
/** UTF-16 text (the CSV reader takes it with a BOM) is full of NUL bytes; other text has none. */
const isBinary = (b: Uint8Array) => isZip(b) || isPdf(b) || (!(b[0] === 0xff && b[1] === 0xfe) && b.includes(0));

/**
 * The plan items of a CSV (through the one CSV reader, any encoding it takes) or of the first
 * sheet of an XLSX (the same column reading). Broken rows come back as the ValidationError of
 * the CSV path; a file that is no plan at all as a PlanFileError.
 */
export async function readPlanFile(file: PlanFile, sheets: SpreadsheetReader): Promise<PlanItemInput[]> {
  if (file.bytes.byteLength > MAX_PLAN_FILE_BYTES) throw new PlanFileError('too_large', 'The file is larger than the limit');
  const kind = planFileKind(file);
  if (!kind) throw new PlanFileError('not_supported', 'Only CSV and XLSX files are taken');
  let items: PlanItemInput[];
  if (kind === 'xlsx') {
    if (!isZip(file.bytes)) throw new PlanFileError('not_spreadsheet', 'The file is named .xlsx but is not a workbook');
    const records = await sheets.firstSheet(file.bytes, MAX_PLAN_ITEMS);
    if (records.length > MAX_PLAN_ITEMS + 1) throw new PlanFileError('too_many_rows', `At most ${MAX_PLAN_ITEMS} topics`);
    items = planItemsOf(records);
  } else {
    if (isBinary(file.bytes)) throw new PlanFileError('not_supported', 'The file is not text');
    try {
      items = parsePlanCsv(file.bytes);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'payload_too_large') throw new PlanFileError('too_many_rows', err.message);
      throw err;
    }
  }
  if (!items.length) throw new PlanFileError('empty', 'The file has no rows');
  return items;
}
