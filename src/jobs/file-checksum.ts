import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** SHA-256 (hex) and size of a file, read as a stream: archives and dumps may be large. */
export function fileChecksum(path: string): Promise<{ sha256: string; bytes: number }> {
  return new Promise((ok, fail) => {
    const hash = createHash('sha256');
    let bytes = 0;
    createReadStream(path)
      .on('data', (chunk) => {
        hash.update(chunk);
        bytes += chunk.length;
      })
      .on('end', () => ok({ sha256: hash.digest('hex'), bytes }))
      .on('error', fail);
  });
}
