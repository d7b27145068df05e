import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';
import type { Services } from '../services.js';

export interface CommandContext {
  services: Services;
  config: Config;
  out: NodeJS.WritableStream;
  /** Arguments after the options (archive:verify <path>). */
  positionals?: string[];
}

export interface Command {
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | undefined>, ctx: CommandContext): Promise<number>;
}

const SYSTEM = { kind: 'system' } as const;

function required(values: Record<string, string | boolean | undefined>, ...names: string[]): void {
  const missing = names.filter((n) => typeof values[n] !== 'string' || values[n] === '');
  if (missing.length) throw new Error(`missing ${missing.map((n) => `--${n}`).join(', ')}`);
}

export const commands: Record<string, Command> = {
  migrate: {
    summary: 'apply pending database migrations (also done by npm start)',
    options: {},
    async run(_values, { out }) {
      out.write('migrations are up to date\n');
      return 0;
    },
  },
  'school:create': {
    summary: 'create a school and print its first API key: --name "…" --timezone Europe/Moscow',
    options: { name: { type: 'string' }, timezone: { type: 'string' } },
    async run(values, { services, out }) {
      const { school, apiKey } = await services.schools.create(SYSTEM, {
        name: String(values.name ?? ''),
        timezone: String(values.timezone ?? 'Europe/Moscow'),
      });
      out.write(`school_id=${school.id}\napi_key=${apiKey}\n`);
      out.write('Keep the key: it is shown once. Use it as "Authorization: Bearer <key>".\n');
      return 0;
    },
  },
  'api-key:create': {
    summary: 'issue another API key for a school: --school <id> --name "…"',
    options: { school: { type: 'string' }, name: { type: 'string' } },
    async run(values, { services, out }) {
      const { key } = await services.schools.createApiKey(SYSTEM, Number(values.school), String(values.name ?? 'cli'));
      out.write(`api_key=${key}\n`);
      return 0;
    },
  },
  'archive:create': {
    summary: 'archive a finished school year and close it: --school <id> --from YYYY-MM-DD --to YYYY-MM-DD',
    options: { school: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    async run(values, { services, out }) {
      required(values, 'school', 'from', 'to');
      const result = await services.archive.create(SYSTEM, {
        schoolId: Number(values.school),
        from: String(values.from),
        to: String(values.to),
      });
      for (const f of result.files) out.write(`${f.name}\t${f.rows ?? '-'} rows\t${f.bytes} bytes\n`);
      out.write(`archive=${result.path}\nsha256(SHA256SUMS)=${result.manifestSha256}\n`);
      out.write(`The year ${values.from}..${values.to} is now read-only. Check later with: npm run cli -- archive:verify ${result.path}\n`);
      return 0;
    },
  },
  'archive:verify': {
    summary: 'check an archive against its SHA256SUMS: archive:verify <path>',
    options: {},
    async run(_values, { services, out, positionals }) {
      const path = positionals?.[0];
      if (!path) throw new Error('usage: archive:verify <path>');
      const result = await services.archive.verify(path);
      for (const f of result.failures) out.write(`FAILED ${f.file}: ${f.problem}\n`);
      out.write(
        result.ok
          ? `OK: ${result.checked} files match SHA256SUMS\n`
          : `FAILED: ${result.failures.length} problem(s), ${result.checked} files checked\n`,
      );
      return result.ok ? 0 : 1;
    },
  },
  'retention:purge': {
    summary: 'delete the journal of archived closed years before a date (dry run unless --yes): --school <id> --before YYYY-MM-DD [--yes]',
    options: { school: { type: 'string' }, before: { type: 'string' }, yes: { type: 'boolean' } },
    async run(values, { services, out }) {
      required(values, 'school', 'before');
      const result = await services.archive.purge(SYSTEM, {
        schoolId: Number(values.school),
        before: String(values.before),
        dryRun: values.yes !== true,
      });
      out.write(
        result.years.length
          ? `archived closed years: ${result.years.map((y) => `${y.from}..${y.to}`).join(', ')}\n`
          : 'no archived closed year ends before that date\n',
      );
      for (const [table, n] of Object.entries(result.counts)) out.write(`${table}\t${n}\n`);
      out.write(result.deleted ? 'deleted.\n' : 'dry run: nothing deleted; add --yes to delete these rows.\n');
      return 0;
    },
  },
  'year:promote': {
    summary:
      "move every class up a year on the new year's first day, graduates leave: --school <id> --date YYYY-MM-DD [--graduate 11[,9]] [--dry-run]",
    options: { school: { type: 'string' }, date: { type: 'string' }, graduate: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    async run(values, { services, out }) {
      required(values, 'school', 'date');
      const graduate = typeof values.graduate === 'string' ? values.graduate.split(',').map((v) => Number(v.trim())) : undefined;
      const result = await services.movement.promote(SYSTEM, Number(values.school), {
        date: String(values.date),
        dryRun: values['dry-run'] === true,
        graduateLevels: graduate,
      });
      for (const c of result.classes)
        out.write(`${c.from.name} -> ${c.to.name}	${c.students} students
`);
      for (const c of result.graduatingClasses)
        out.write(`${c.name} -> graduated	${c.students} students
`);
      for (const p of result.problems)
        out.write(`SKIPPED ${p.name}: ${p.message}
`);
      out.write(
        result.dryRun
          ? 'dry run: nothing changed; run again without --dry-run to apply.\n'
          : `done: ${result.classes.length} classes moved up, ${result.graduates.length} graduates withdrawn.\n`,
      );
      return 0;
    },
  },
  'backup:create': {
    summary: 'dump the database with pg_dump into BACKUP_DIR, with a manifest beside it',
    options: {},
    async run(_values, { services, out }) {
      const { path, manifest, pruned, pruneError } = await services.backup.create();
      const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
      out.write(`backup=${path}\nbytes=${manifest.dump.bytes}\nsha256=${manifest.dump.sha256}\n`);
      out.write(
        `schema=${manifest.schema.lastTag ?? manifest.schema.lastCreatedAt}\ntables=${Object.keys(manifest.tables).length} rows=${rows}\n`,
      );
      if (pruned.length) out.write(`pruned (BACKUP_KEEP): ${pruned.join(', ')}\n`);
      if (pruneError) out.write(`old backups not pruned: ${pruneError}\n`);
      out.write(`Check it with: npm run cli -- backup:verify ${path}\n`);
      return 0;
    },
  },
  'backup:verify': {
    summary: 'restore a backup into a scratch database and check it against its manifest: backup:verify <file.dump>',
    options: {},
    async run(_values, { services, out, positionals }) {
      const path = positionals?.[0];
      if (!path) throw new Error('usage: backup:verify <file.dump>');
      const result = await services.backup.verify(path);
      for (const p of result.problems) out.write(`FAILED ${p}\n`);
      const tables = Object.keys(result.manifest?.tables ?? {}).length;
      out.write(
        result.ok
          ? `OK: checksum, schema version and row counts of ${tables} tables match\n`
          : `FAILED: ${result.problems.length} problem(s)\n`,
      );
      return result.ok ? 0 : 1;
    },
  },
  'backup:restore': {
    summary: 'replace the configured database with a backup; stop every web and worker first: backup:restore <file.dump> --yes',
    options: { yes: { type: 'boolean' } },
    async run(values, { services, out, positionals }) {
      const path = positionals?.[0];
      if (!path) throw new Error('usage: backup:restore <file.dump> --yes');
      const { manifest, keptAs } = await services.backup.restore(path, { confirmed: values.yes === true });
      out.write(`restored ${manifest.dump.file} (taken ${manifest.createdAt}) into ${manifest.database}\n`);
      out.write(`The replaced database is kept as ${keptAs}; drop it once you are satisfied.\n`);
      out.write(
        'Before starting the processes again, give them a new REDIS_PREFIX (or empty the old queues): the restored outbox reuses job ids. npm start migrates the database to this code.\n',
      );
      return 0;
    },
  },
};
