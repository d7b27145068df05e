import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'school-journal' },
    // Personal data stays out of logs: only ids are logged, and these keys are masked if they slip in.
    redact: { paths: ['*.firstName', '*.lastName', '*.email', '*.phone', '*.code', 'req.headers.authorization', 'req.headers["x-api-key"]'], censor: '[redacted]' },
  });
}
