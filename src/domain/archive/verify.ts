import type { ArchiveStore } from './types.js';

export interface VerifyResult {
  ok: boolean;
  /** Files whose checksum was compared. */
  checked: number;
  failures: { file: string; problem: 'missing' | 'checksum_mismatch' | 'not_listed' | 'bad_manifest' }[];
}

const LINE = /^([0-9a-f]{64}) [ *](.+)$/;

/** The same check as `sha256sum -c SHA256SUMS`, plus: a file that is in the archive but not listed fails too. */
export async function verifyArchive(store: ArchiveStore, path: string): Promise<VerifyResult> {
  const reader = await store.open(path);
  const present = await reader.files();
  const failures: VerifyResult['failures'] = [];
  if (!present.includes('SHA256SUMS')) return { ok: false, checked: 0, failures: [{ file: 'SHA256SUMS', problem: 'missing' }] };
  const listed = new Map<string, string>();
  for (const line of (await reader.readText('SHA256SUMS')).split('\n')) {
    if (!line.trim()) continue;
    const m = LINE.exec(line);
    if (!m) failures.push({ file: 'SHA256SUMS', problem: 'bad_manifest' });
    else listed.set(m[2]!, m[1]!);
  }
  let checked = 0;
  for (const [file, expected] of listed) {
    if (!present.includes(file)) {
      failures.push({ file, problem: 'missing' });
      continue;
    }
    checked++;
    if ((await reader.sha256(file)) !== expected) failures.push({ file, problem: 'checksum_mismatch' });
  }
  for (const file of present) if (file !== 'SHA256SUMS' && !listed.has(file)) failures.push({ file, problem: 'not_listed' });
  return { ok: failures.length === 0, checked, failures };
}
