import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createMaxStandIn, type MaxStandIn } from '../../src/dev/max-stand-in/index.js';
import { maxModeOf } from '../../src/max-runtime.js';
import { codeFor } from '../bot/parent-harness.js';
import { createSchool, createTestApp, testConfig } from '../helpers/app.js';
import { freePort } from '../helpers/bot.js';
import { seeder } from '../helpers/seed.js';

const run = promisify(execFile);

describe('MAX transport by configuration', () => {
  it('long polls with a token, takes the webhook in web processes with a public address, runs the stand-in only in the local demo', () => {
    const token = 'max_token_0123456789abcdef';
    const mode = (env: Record<string, string>) => maxModeOf(testConfig({ MAX_STAND_IN_PORT: '9002', ...env }));
    expect(mode({ MAX_BOT_TOKEN: token, APP_ROLE: 'worker' })).toBe('polling');
    expect(mode({ MAX_BOT_TOKEN: token, APP_ROLE: 'web' })).toBe('off');
    expect(mode({ MAX_BOT_TOKEN: token, MAX_PUBLIC_URL: 'https://j.example.org', APP_ROLE: 'web' })).toBe('webhook');
    expect(mode({ MAX_BOT_TOKEN: token, MAX_PUBLIC_URL: 'https://j.example.org', APP_ROLE: 'worker' })).toBe('off');
    expect(mode({ APP_ROLE: 'all' })).toBe('stand-in');
    // A deployment on real Telegram runs no fake MAX.
    expect(mode({ APP_ROLE: 'all', TELEGRAM_BOT_TOKEN: '123456:abcdefghijklmnopqrstuvwxyz' })).toBe('off');
    expect(mode({ APP_ROLE: 'all', MAX_STAND_IN_PORT: '0' })).toBe('off');
  });
});

describe('app without tokens: the MAX stand-in beside the Telegram emulator', () => {
  let app: App;
  let maxPort: number;

  beforeAll(async () => {
    maxPort = await freePort();
    app = await createTestApp({
      role: 'worker',
      env: { EMULATOR_PORT: String(await freePort()), MAX_STAND_IN_PORT: String(maxPort), DEMO_SEED: 'false' },
    });
    await app.start();
  });
  afterAll(() => app.stop());

  it('a person links and talks to the bot in MAX with the demo script', async () => {
    expect(app.max.mode).toBe('stand-in');
    const { school } = await createSchool(app);
    const parent = await seeder(app, school.id).user(['parent'], { lastName: 'Петрова', firstName: 'Анна' });
    const script = (args: string[]) =>
      run('npx', ['tsx', 'scripts/demo-max-chat.ts', '--port', String(maxPort), '--user', '777001', '--wait', '800', ...args], {
        timeout: 20_000,
      });
    // The MAX bot told its name at start: codes carry MAX's deep link, whose start parameter links.
    const issued = await app.services.access.issueForUser({ kind: 'api', schoolId: school.id }, school.id, parent.id);
    expect(app.services.maxBotUsername.current).toBeTruthy();
    expect(issued.maxLink).toBe(`https://max.ru/${app.services.maxBotUsername.current}?start=${issued.code}`);
    const linked = await script([`/start ${new URL(issued.maxLink!).searchParams.get('start')}`]);
    expect(linked.stdout).toContain('Петрова Анна');
    // The consent text comes next, with its buttons as the script shows them to press.
    expect(linked.stdout).toContain('--press cs:ok');
    const language = await script(['/language']);
    expect(language.stdout).toContain('Выберите язык:');
  });
});

describe('app with a MAX token and no public address: long polling (against the stand-in as MAX_API_ROOT)', () => {
  let app: App;
  let standIn: MaxStandIn;

  beforeAll(async () => {
    standIn = createMaxStandIn({ ratePerSecond: 0 });
    await standIn.start();
    app = await createTestApp({
      role: 'worker',
      env: { MAX_BOT_TOKEN: standIn.token, MAX_API_ROOT: standIn.url, EMULATOR_PORT: String(await freePort()), DEMO_SEED: 'false' },
    });
    await app.start();
  });
  afterAll(async () => {
    await app?.stop();
    await standIn?.stop();
  });

  it('publishes the command list, polls, and links a person who opens the deep link', async () => {
    expect(app.max.mode).toBe('polling');
    expect(standIn.commands.map((c) => c.name)).toEqual(expect.arrayContaining(['start', 'menu', 'settings', 'messenger', 'logout']));
    expect(standIn.commands.find((c) => c.name === 'start')?.description).toBeTruthy();
    const { school } = await createSchool(app);
    const parent = await seeder(app, school.id).user(['parent'], { lastName: 'Орлова', firstName: 'Вера' });
    const person = standIn.user(777_101);
    await person.start(await codeFor(app, school.id, parent.id));
    const until = Date.now() + 8_000;
    while (!person.messages().some((m) => m.text?.includes('Орлова Вера')) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 25));
    expect(
      person
        .messages()
        .map((m) => m.text)
        .join('\n'),
    ).toContain('Орлова Вера');
  });
});
