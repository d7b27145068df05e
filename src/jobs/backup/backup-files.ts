import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { BackupFiles } from '../../domain/backup/index.js';
import { NotFoundError } from '../../domain/shared/errors.js';
import { fileChecksum } from '../file-checksum.js';

const MANIFEST = '.manifest.json';

/** `backup-….dump` → `backup-….manifest.json`, beside it. */
export function manifestPathOf(dumpPath: string): string {
  return dumpPath.replace(/\.dump$/, '') + MANIFEST;
}

/**
 * Backups as files in `dir` (BACKUP_DIR): each dump with its manifest beside it. The manifest is
 * written under a temporary name and renamed, so a listed backup is always a finished one.
 */
export function createBackupFiles(dir: string): BackupFiles {
  const root = resolve(dir);
  const missing =
    (path: string) =>
    (err: unknown): never => {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError('Backup file', path);
      throw err;
    };
  return {
    async prepare(name) {
      await mkdir(root, { recursive: true });
      return join(root, name);
    },
    async list() {
      const names = await readdir(root).catch(() => [] as string[]);
      const present = new Set(names);
      return names.filter((n) => n.endsWith('.dump') && present.has(basename(manifestPathOf(n))));
    },
    checksum: (path) => fileChecksum(path).catch(missing(path)),
    async readManifest(dumpPath) {
      const path = manifestPathOf(dumpPath);
      const text = await readFile(path, 'utf8').catch(missing(path));
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return null;
      }
    },
    async writeManifest(dumpPath, manifest) {
      const path = manifestPathOf(dumpPath);
      await writeFile(`${path}.partial`, `${JSON.stringify(manifest, null, 2)}\n`);
      await rename(`${path}.partial`, path);
    },
    async remove(name) {
      const path = join(root, basename(name));
      await rm(manifestPathOf(path), { force: true });
      await rm(path, { force: true });
    },
  };
}
