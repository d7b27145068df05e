import { parseArgs } from 'node:util';
import { ConfigError, createConfig } from '../config.js';
import { createDbClient } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { createServices } from '../services.js';
import { systemClock } from '../domain/shared/clock.js';
import { DomainError } from '../domain/shared/errors.js';
import { commands } from './commands.js';

const USAGE = `Usage: npm run cli -- <command> [options]
Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(18)} ${c.summary}`)
  .join('\n')}`;

async function run(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`${name ? `Unknown command "${name}"\n` : ''}${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  const config = createConfig(process.env);
  await runMigrations(config.databaseUrl);
  const db = createDbClient(config.databaseUrl, { max: 2 });
  try {
    const services = createServices(config, db, systemClock);
    return await command.run(values as Record<string, string | boolean | undefined>, {
      services,
      config,
      out: process.stdout,
      positionals,
    });
  } finally {
    await db.close();
  }
}

run().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof ConfigError || err instanceof DomainError) {
      process.stderr.write(`${err.message}\n`);
      if (err instanceof DomainError) for (const d of err.details) process.stderr.write(`  - ${d.path ?? ''}: ${d.message}\n`);
    } else process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
