import iconv from 'iconv-lite';
import { ValidationError } from '../shared/errors.js';

const UTF8 = ['utf-8', 'utf8'];
const CP1251 = ['windows-1251', 'cp1251', 'win1251', 'x-cp1251'];

/**
 * Excel on a Russian Windows saves "CSV" as Windows-1251 and "CSV UTF-8" with a BOM; other
 * tools write UTF-8 without one. An explicit charset wins; otherwise bytes that are valid
 * UTF-8 are UTF-8 (Cyrillic in Windows-1251 practically never is), and the rest is 1251.
 */
export function decodeCsv(bytes: Uint8Array, charset?: string): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf16le');
  const wanted = charset?.trim().toLowerCase().replace(/^"|"$/g, '');
  if (wanted && CP1251.includes(wanted)) return iconv.decode(buf, 'win1251');
  if (wanted && UTF8.includes(wanted)) {
    const text = tryUtf8(buf);
    if (text === null)
      throw new ValidationError('The file is not valid UTF-8 although the request says charset=utf-8', [
        { path: 'body', message: 'The file is not valid UTF-8; save it as "CSV UTF-8" or send charset=windows-1251' },
      ]);
    return text;
  }
  if (wanted && wanted !== 'us-ascii') {
    throw new ValidationError(`Unsupported charset "${charset}"`, [{ path: 'charset', message: 'charset must be utf-8 or windows-1251' }]);
  }
  return tryUtf8(buf) ?? iconv.decode(buf, 'win1251');
}

function tryUtf8(buf: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}
