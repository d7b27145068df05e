import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { EMULATOR_TOKEN } from '../../src/bot-runtime.js';
import { createSchool, createTestApp } from '../helpers/app.js';
import { chatWith, freePort, uniqueChatId } from '../helpers/bot.js';
import { seeder } from '../helpers/seed.js';

const run = promisify(execFile);

describe('app without a bot token', () => {
  let app: App;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    app = await createTestApp({ role: 'worker', env: { EMULATOR_PORT: String(port) } });
    await app.start();
  });
  afterAll(() => app.stop());

  it('runs the emulator in-process and long-polls it', async () => {
    expect(app.bot.mode).toBe('emulator');
    const chat = chatWith(app.bot.emulator!, uniqueChatId(), EMULATOR_TOKEN);
    expect((await chat.ask('/help')).text).toContain('/start — подключиться');
  });

  it('puts the bot name learnt from getMe into the links of new codes', async () => {
    const { school } = await createSchool(app);
    const user = await seeder(app, school.id).user(['parent']);
    const issued = await app.services.access.issueForUser({ kind: 'api', schoolId: school.id }, school.id, user.id);
    expect(issued.link).toBe(`https://t.me/TestNameBot?start=${issued.code}`);
  });

  it('answers the demo chat script', async () => {
    const { stdout } = await run(
      'npx',
      ['tsx', 'scripts/demo-chat.ts', '--port', String(port), '--chat', String(uniqueChatId()), '--wait', '800', '/language'],
      { timeout: 20_000 },
    );
    expect(stdout).toContain('Выберите язык:');
    expect(stdout).toContain('--press lang:en --message');
  });
});
