import { createHash } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { ArchiveFileWriter, ArchiveReader, ArchiveStore, ArchiveWriter } from '../../domain/archive/types.js';
import { ConflictError, NotFoundError } from '../../domain/shared/errors.js';
import { fileChecksum } from '../file-checksum.js';

/**
 * Archives as plain directories under `root` (ARCHIVE_DIR): readable and checkable with standard
 * tools (`cd <dir> && sha256sum -c SHA256SUMS`). Written under a `.partial` name and renamed at
 * commit, so a half-written archive never looks complete.
 */
export function createFileArchiveStore(root: string): ArchiveStore {
  return {
    async create(name) {
      const path = resolve(root, name);
      const partial = `${path}.partial`;
      if (await exists(path)) throw new ConflictError(`The archive ${path} already exists`);
      await rm(partial, { recursive: true, force: true });
      await mkdir(partial, { recursive: true });
      const writer: ArchiveWriter = {
        path,
        file: (file) => fileWriter(join(partial, file)),
        async commit() {
          await rename(partial, path);
        },
        async abort() {
          await rm(partial, { recursive: true, force: true });
        },
      };
      return writer;
    },
    async open(path) {
      const dir = resolve(path);
      if (!(await exists(dir))) throw new NotFoundError('Archive', path);
      const reader: ArchiveReader = {
        files: async () => (await walk(dir)).map((f) => relative(dir, f).split(sep).join('/')).sort(),
        readText: (name) => readFile(join(dir, name), 'utf8'),
        sha256: async (name) => (await fileChecksum(join(dir, name))).sha256,
      };
      return reader;
    },
  };
}

function fileWriter(path: string): ArchiveFileWriter {
  const hash = createHash('sha256');
  let bytes = 0;
  let handle: Promise<FileHandle> | null = null;
  return {
    async write(chunk) {
      handle ??= open(path, 'wx');
      const data = Buffer.from(chunk, 'utf8');
      hash.update(data);
      bytes += data.length;
      await (await handle).write(data);
    },
    async close() {
      handle ??= open(path, 'wx');
      const h = await handle;
      await h.sync();
      await h.close();
      return { sha256: hash.digest('hex'), bytes };
    },
  };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}
