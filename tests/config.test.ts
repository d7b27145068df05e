import { describe, expect, it } from 'vitest';
import { ConfigError, createConfig } from '../src/config.js';

describe('createConfig', () => {
  it('gives working local defaults with an empty environment', () => {
    const config = createConfig({});
    expect(config).toMatchObject({
      role: 'all',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/school_journal',
      databasePoolSize: 10,
      databasePrepare: true,
      redis: { url: 'redis://127.0.0.1:6379', prefix: 'sj' },
      http: { host: '127.0.0.1', port: 3000 },
      telegram: { token: null, publicUrl: null, ratePerSecond: 25 },
      mail: { smtpUrl: null },
      invites: { ttlDays: 30 },
    });
  });

  it('takes the role from the first argument before APP_ROLE', () => {
    expect(createConfig({ APP_ROLE: 'web' }, ['worker']).role).toBe('worker');
    expect(createConfig({ APP_ROLE: 'web' }).role).toBe('web');
  });

  it('names every wrong value at once', () => {
    let error: unknown;
    try {
      createConfig(
        {
          PORT: 'eighty',
          DATABASE_URL: 'mysql://x',
          TELEGRAM_BOT_TOKEN: 'nope',
          TELEGRAM_RATE_PER_SECOND: '31',
          LOG_LEVEL: 'loud',
          DEMO_SEED: 'maybe',
          TELEGRAM_WEBHOOK_SECRET: 'has spaces',
          DATABASE_POOL_SIZE: '0',
          DATABASE_PREPARE: 'sometimes',
        },
        ['everything'],
      );
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'PORT',
      'DATABASE_URL',
      'TELEGRAM_BOT_TOKEN',
      'TELEGRAM_RATE_PER_SECOND',
      'LOG_LEVEL',
      'DEMO_SEED',
      'TELEGRAM_WEBHOOK_SECRET',
      'DATABASE_POOL_SIZE',
      'DATABASE_PREPARE',
      'role',
    ]) {
      expect(problems).toContain(name);
    }
    expect((error as ConfigError).problems).toHaveLength(10);
  });

  it('turns prepared statements off for a transaction-mode pooler', () => {
    expect(createConfig({ DATABASE_PREPARE: 'false' }).databasePrepare).toBe(false);
  });

  it('strips a trailing slash from URLs so paths join cleanly', () => {
    expect(createConfig({ PUBLIC_URL: 'https://journal.example.org/' }).telegram.publicUrl).toBe('https://journal.example.org');
  });

  describe('MAX', () => {
    const token = 'f9LHodD0cOLk3Jm1_abcDEF-0123456789';
    it('is off without MAX_BOT_TOKEN, and takes PUBLIC_URL when MAX_PUBLIC_URL is unset', () => {
      expect(createConfig({}).max).toEqual({
        token: null,
        apiRoot: null,
        publicUrl: null,
        webhookSecret: null,
        ratePerSecond: 25,
        editButtons: 'resend',
        botUsername: null,
      });
      expect(createConfig({ MAX_BOT_USERNAME: '@school_max_bot' }).max.botUsername).toBe('school_max_bot');
      expect(createConfig({ MAX_EDIT_BUTTONS: 'edit' }).max.editButtons).toBe('edit');
      expect(createConfig({}).emulator.maxPort).toBe(9002);
      const shared = createConfig({ MAX_BOT_TOKEN: token, PUBLIC_URL: 'https://journal.example.org/' }).max;
      expect(shared).toMatchObject({ token, publicUrl: 'https://journal.example.org' });
      const own = createConfig({ MAX_BOT_TOKEN: token, PUBLIC_URL: 'https://a.example.org', MAX_PUBLIC_URL: 'https://max.example.org' });
      expect(own.max.publicUrl).toBe('https://max.example.org');
    });

    it('names one clear problem for each wrong MAX value', () => {
      const problemsOf = (env: Record<string, string>) => {
        try {
          createConfig(env);
          return [];
        } catch (err) {
          return (err as ConfigError).problems;
        }
      };
      expect(problemsOf({ MAX_BOT_TOKEN: 'short token' })).toEqual([
        expect.stringMatching(/^MAX_BOT_TOKEN does not look like a MAX bot token/),
      ]);
      expect(problemsOf({ MAX_BOT_TOKEN: token, PUBLIC_URL: 'http://journal.example.org' })).toEqual([
        expect.stringMatching(/^MAX's webhook needs an https:\/\/ address/),
      ]);
      expect(problemsOf({ MAX_PUBLIC_URL: 'not a url' })).toEqual([expect.stringMatching(/^MAX_PUBLIC_URL must be a URL/)]);
      expect(problemsOf({ MAX_WEBHOOK_SECRET: 'abc' })).toEqual([expect.stringMatching(/^MAX_WEBHOOK_SECRET may hold only/)]);
      expect(problemsOf({ MAX_WEBHOOK_SECRET: 'has spaces in it' })).toHaveLength(1);
      expect(problemsOf({ MAX_EDIT_BUTTONS: 'sometimes' })).toEqual([expect.stringMatching(/^MAX_EDIT_BUTTONS must be edit or resend/)]);
      expect(problemsOf({ MAX_RATE_PER_SECOND: '31' })).toEqual([
        expect.stringMatching(/^MAX_RATE_PER_SECOND must be an integer from 1 to 30/),
      ]);
      expect(problemsOf({ MAX_API_ROOT: 'ftp://x' })).toHaveLength(1);
    });
  });
});
