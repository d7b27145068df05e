import type { Logger } from 'pino';
import { createComplianceScanner, type ScanResult } from '../domain/compliance/index.js';
import type { Clock } from '../domain/shared/clock.js';
import type { UnitOfWork } from '../domain/ports.js';
import { createTickLoop } from '../tick-loop.js';

export interface ComplianceRuntimeDeps {
  uow: UnitOfWork;
  clock: Clock;
  logger: Logger;
  /** Time between scans; reminders are due to the minute, so a few tens of seconds is enough. */
  intervalMs?: number;
  /** Told of each scan's duration and success (metrics). */
  observePass?: (seconds: number, ok: boolean) => void;
}

/**
 * The compliance scan loop of one worker process. A plain loop rather than a BullMQ job
 * scheduler: every claim is a unique row in PostgreSQL, so any number of processes may scan
 * at once without Redis arbitrating, and reminders still reach the outbox while Redis is down
 * (the outbox relay queues them when it is back).
 */
export function createComplianceRuntime(deps: ComplianceRuntimeDeps) {
  const log = deps.logger.child({ component: 'compliance' });
  const scanner = createComplianceScanner({ uow: deps.uow, clock: deps.clock });
  const loop = createTickLoop<ScanResult>({
    run: () => scanner.tick(),
    intervalMs: deps.intervalMs ?? 30_000,
    observePass: deps.observePass,
    onResult: (result) => {
      if (Object.values(result).some((n) => n > 0)) log.info(result, 'compliance notices queued');
    },
    onError: (err) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'compliance scan failed; retrying'),
  });

  return { scanner, tick: loop.tick, start: loop.start, stop: loop.stop };
}

export type ComplianceRuntime = ReturnType<typeof createComplianceRuntime>;
