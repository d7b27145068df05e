import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';
import type { Services } from '../app.js';

export interface CommandContext {
  services: Services;
  config: Config;
  out: NodeJS.WritableStream;
}

export interface Command {
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | undefined>, ctx: CommandContext): Promise<number>;
}

const SYSTEM = { kind: 'system' } as const;

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
};
