/**
 * One schema over the environment. createConfig is pure: it reads the object it is given,
 * collects every problem, and throws once with all of them so an operator fixes them in one go.
 */
import { parseBackupSchedule, type BackupSchedule } from './domain/backup/schedule.js';

export type Role = 'all' | 'web' | 'worker';

export interface Config {
  role: Role;
  databaseUrl: string;
  /** Connections each process keeps to PostgreSQL (DATABASE_POOL_SIZE). */
  databasePoolSize: number;
  /**
   * Prepared statements (DATABASE_PREPARE, on by default): off only behind a connection pooler
   * in transaction mode that cannot keep them (PgBouncer before 1.21).
   */
  databasePrepare: boolean;
  redis: { url: string; prefix: string };
  http: { host: string; port: number; bodyLimitBytes: number };
  telegram: {
    token: string | null;
    apiRoot: string | null;
    /** Set: webhook mode at `${publicUrl}/telegram/webhook`; unset: long polling. */
    publicUrl: string | null;
    webhookSecret: string | null;
    botUsername: string | null;
    /** Messages per second across every worker process. */
    ratePerSecond: number;
    /** TELEGRAM_FAST_PATH: the measured workarounds past grammY's internals (src/telegram); false = stock grammY. */
    fastPath: boolean;
  };
  /**
   * MAX (issue 19): its Bot API through the official SDK. `publicUrl` (MAX_PUBLIC_URL, else
   * PUBLIC_URL) set: webhook subscription at `${publicUrl}/max/webhook`; unset: long polling.
   * No token: nothing talks to MAX (the stand-in, src/dev/max-stand-in, serves tests and the demo).
   */
  max: {
    token: string | null;
    /** MAX_API_ROOT: another Bot API address (the stand-in); null for platform-api2.max.ru. */
    apiRoot: string | null;
    publicUrl: string | null;
    /** Sent back by MAX in X-Max-Bot-Api-Secret; null: derived from the token. */
    webhookSecret: string | null;
    /** MAX_RATE_PER_SECOND: requests per second across every worker process (MAX allows about 30). */
    ratePerSecond: number;
    /** MAX_BOT_USERNAME: for `max.ru/<bot>?start=<code>` links where no MAX transport runs (a `web` process beside a polling worker); else learnt from MAX. */
    botUsername: string | null;
    /** MAX_EDIT_BUTTONS: `resend` (default) sends a screen again when its buttons change, since MAX may keep a message's old buttons on an edit; `edit` edits in place. */
    editButtons: 'edit' | 'resend';
  };
  /** No tokens: the local Telegram Bot API emulator (EMULATOR_PORT) and the MAX stand-in (MAX_STAND_IN_PORT). */
  emulator: { port: number; maxPort: number; seedDemo: boolean };
  mail: { smtpUrl: string | null; from: string };
  invites: { ttlDays: number };
  /** Where year-end archives are written (ARCHIVE_DIR). */
  archive: { dir: string };
  /**
   * Prometheus metrics: `token` serves /metrics on the main HTTP server behind a bearer token;
   * `port` serves them on a listener of their own (the only way for a worker process).
   */
  metrics: { token: string | null; port: number | null };
  /** Bull Board at /admin/queues behind HTTP Basic credentials; off without a password. */
  dashboard: { user: string; password: string | null; readOnly: boolean };
  /**
   * Installation-wide database backups: BACKUP_SCHEDULE (null when off), BACKUP_DIR and
   * BACKUP_KEEP, how many backups the directory keeps.
   */
  backup: { schedule: BackupSchedule | null; dir: string; keep: number };
  logLevel: string;
  /** LOG_FORMAT: `auto` pretty-prints on a terminal and writes JSON lines otherwise. */
  logFormat: 'json' | 'pretty' | 'auto';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function createConfig(env: Env, argv: string[] = []): Config {
  const problems: string[] = [];
  const str = (name: string): string | null => {
    const v = env[name]?.trim();
    return v ? v : null;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === null) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  };
  const url = (name: string, fallback: string | null, protocols: string[]): string | null => {
    const raw = str(name) ?? fallback;
    if (raw === null) return null;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) problems.push(`${name} must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
    } catch {
      problems.push(`${name} must be a URL, got "${raw}"`);
    }
    return raw.replace(/\/+$/, '');
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = str(name);
    if (raw === null) return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  };

  const roleArg = argv.find((a) => !a.startsWith('-')) ?? str('APP_ROLE') ?? 'all';
  if (!['all', 'web', 'worker'].includes(roleArg)) problems.push(`role must be all, web or worker, got "${roleArg}"`);

  const token = str('TELEGRAM_BOT_TOKEN');
  if (token !== null && !/^\d+:[\w-]{20,}$/.test(token)) problems.push('TELEGRAM_BOT_TOKEN does not look like a bot token (123456:ABC…)');
  const publicUrl = url('PUBLIC_URL', null, ['https:', 'http:']);
  const webhookSecret = str('TELEGRAM_WEBHOOK_SECRET');
  if (webhookSecret !== null && !/^[A-Za-z0-9_-]{1,256}$/.test(webhookSecret)) {
    problems.push('TELEGRAM_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (1 to 256 characters)');
  }
  const maxToken = str('MAX_BOT_TOKEN');
  if (maxToken !== null && !/^[A-Za-z0-9_-]{20,512}$/.test(maxToken)) {
    problems.push('MAX_BOT_TOKEN does not look like a MAX bot token (20 or more letters, digits, _ or -, as MAX shows it for the bot)');
  }
  const maxPublicUrl = str('MAX_PUBLIC_URL') === null ? publicUrl : url('MAX_PUBLIC_URL', null, ['https:', 'http:']);
  // MAX subscribes only https addresses; a plain-http PUBLIC_URL (a test proxy for Telegram) cannot serve it.
  if (maxToken !== null && maxPublicUrl?.startsWith('http:')) {
    problems.push(`MAX's webhook needs an https:// address: set MAX_PUBLIC_URL (or PUBLIC_URL) to https://…, got "${maxPublicUrl}"`);
  }
  const maxWebhookSecret = str('MAX_WEBHOOK_SECRET');
  if (maxWebhookSecret !== null && !/^[A-Za-z0-9_-]{5,256}$/.test(maxWebhookSecret)) {
    problems.push('MAX_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (5 to 256 characters)');
  }
  const maxEditButtons = str('MAX_EDIT_BUTTONS') ?? 'resend';
  if (maxEditButtons !== 'edit' && maxEditButtons !== 'resend')
    problems.push(`MAX_EDIT_BUTTONS must be edit or resend, got "${maxEditButtons}"`);
  const logLevel = str('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const logFormat = str('LOG_FORMAT') ?? 'auto';
  if (!['json', 'pretty', 'auto'].includes(logFormat)) problems.push(`LOG_FORMAT must be json, pretty or auto, got "${logFormat}"`);
  const metricsToken = str('METRICS_TOKEN');
  if (metricsToken !== null && metricsToken.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters long');
  const metricsPort = str('METRICS_PORT') === null ? null : int('METRICS_PORT', 0, 1, 65535);
  const dashboardPassword = str('DASHBOARD_PASSWORD');
  if (dashboardPassword !== null && dashboardPassword.length < 12) problems.push('DASHBOARD_PASSWORD must be at least 12 characters long');
  const backupSchedule = parseBackupSchedule(str('BACKUP_SCHEDULE') ?? 'off');
  if (typeof backupSchedule === 'string') problems.push(`BACKUP_SCHEDULE ${backupSchedule}`);
  const botUsername = str('TELEGRAM_BOT_USERNAME')?.replace(/^@/, '') ?? null;

  const config: Config = {
    role: roleArg as Role,
    databaseUrl: url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/school_journal', ['postgres:', 'postgresql:'])!,
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1, 200),
    databasePrepare: bool('DATABASE_PREPARE', true),
    redis: {
      url: url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:'])!,
      prefix: str('REDIS_PREFIX') ?? 'sj',
    },
    http: {
      host: str('HOST') ?? '127.0.0.1',
      port: int('PORT', 3000, 0, 65535),
      bodyLimitBytes: int('BODY_LIMIT_BYTES', 10 * 1024 * 1024, 1024, 200 * 1024 * 1024),
    },
    telegram: {
      token,
      apiRoot: url('TELEGRAM_API_ROOT', null, ['http:', 'https:']),
      publicUrl,
      webhookSecret,
      botUsername,
      ratePerSecond: int('TELEGRAM_RATE_PER_SECOND', 25, 1, 30),
      fastPath: bool('TELEGRAM_FAST_PATH', true),
    },
    max: {
      token: maxToken,
      apiRoot: url('MAX_API_ROOT', null, ['http:', 'https:']),
      publicUrl: maxPublicUrl,
      webhookSecret: maxWebhookSecret,
      ratePerSecond: int('MAX_RATE_PER_SECOND', 25, 1, 30),
      editButtons: maxEditButtons as 'edit' | 'resend',
      botUsername: str('MAX_BOT_USERNAME')?.replace(/^@/, '') ?? null,
    },
    emulator: {
      port: int('EMULATOR_PORT', 9001, 0, 65535),
      maxPort: int('MAX_STAND_IN_PORT', 9002, 0, 65535),
      seedDemo: bool('DEMO_SEED', true),
    },
    mail: { smtpUrl: url('SMTP_URL', null, ['smtp:', 'smtps:']), from: str('MAIL_FROM') ?? 'Школьный журнал <journal@localhost>' },
    invites: { ttlDays: int('INVITE_TTL_DAYS', 30, 1, 365) },
    archive: { dir: str('ARCHIVE_DIR') ?? './archive' },
    metrics: { token: metricsToken, port: metricsPort },
    dashboard: { user: str('DASHBOARD_USER') ?? 'admin', password: dashboardPassword, readOnly: bool('DASHBOARD_READ_ONLY', true) },
    backup: {
      schedule: typeof backupSchedule === 'string' ? null : backupSchedule,
      dir: str('BACKUP_DIR') ?? './backups',
      keep: int('BACKUP_KEEP', 7, 1, 1000),
    },
    logLevel,
    logFormat: logFormat as Config['logFormat'],
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
