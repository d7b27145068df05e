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
});
