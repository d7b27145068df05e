import { PassThrough } from 'node:stream';
import type { App } from '../../src/app.js';
import { commands } from '../../src/cli/commands.js';

/** Runs an operator command as `npm run cli` would, over the test app's services; returns its exit code and output. */
export async function cli(app: App, name: string, values: Record<string, string | boolean>, positionals: string[] = []) {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c) => (text += c));
  const code = await commands[name]!.run(values, { services: app.services, config: null as never, out, positionals });
  return { code, text };
}
