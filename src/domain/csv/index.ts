export { decodeCsv } from './decode.js';
export { detectDelimiter, readCsv, type CsvRecord, type ReadCsvOptions } from './read.js';
export { csvLines, spreadsheetCsv, type CsvValue } from './write.js';
