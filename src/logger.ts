import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** LOG_FORMAT: JSON lines for collectors, readable lines for a person at a terminal, or `auto` (pretty on a TTY). */
export type LogFormat = 'json' | 'pretty' | 'auto';

/**
 * pino-pretty's stream when `format` asks for it and the package is installed. It is a
 * development dependency: a production image without it logs JSON, as a collector wants.
 */
function prettyStream(format: LogFormat, stdoutIsTty: boolean): DestinationStream | null {
  if (format === 'json' || (format === 'auto' && !stdoutIsTty)) return null;
  try {
    const pretty = createRequire(import.meta.url)('pino-pretty') as (options: object) => DestinationStream;
    return pretty({ colorize: stdoutIsTty, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service', sync: true });
  } catch {
    return null;
  }
}

export function createLogger(level: string, format: LogFormat = 'json', stdoutIsTty = process.stdout.isTTY === true): Logger {
  const options = {
    level,
    base: { service: 'school-journal' },
    // Personal data stays out of logs: only ids are logged, and these keys are masked if they slip in.
    redact: {
      paths: ['*.firstName', '*.lastName', '*.email', '*.phone', '*.code', 'req.headers.authorization', 'req.headers["x-api-key"]'],
      censor: '[redacted]',
    },
  };
  const pretty = prettyStream(format, stdoutIsTty);
  return pretty ? pino(options, pretty) : pino(options);
}

/** A connection URL as it may appear in a log line: the password replaced by `***`. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a URL)';
  }
}

/**
 * A function that runs `report` at most once per `intervalMs`: for a condition that repeats
 * every few hundred milliseconds (a reconnecting client), one line now and then says enough.
 * `reset()` (the condition ended) lets the next report through at once, and says whether any was made.
 */
export function atMostEvery(intervalMs: number) {
  let last = -Infinity;
  const gate = (report: () => void): boolean => {
    const now = performance.now();
    if (now - last < intervalMs) return false;
    last = now;
    report();
    return true;
  };
  const reset = (): boolean => {
    const reported = last !== -Infinity;
    last = -Infinity;
    return reported;
  };
  return Object.assign(gate, { reset });
}
