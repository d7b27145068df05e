import { Composer } from 'grammy';
import type { BotContext } from '../../context.js';
import { press, Refusal, type DeputyDeps } from './acting.js';
import { OURS } from './callback-data.js';
import { complianceFeature } from './compliance.js';
import { departmentReportFeature } from './department-report.js';
import { nudgeFeature } from './nudge.js';
import { reportsFeature } from './reports.js';

export type { DeputyDeps } from './acting.js';

/** Data that looks like a deputy button but matched no pattern: tampered, or from an older version. */
function staleButtonFeature() {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(
    OURS,
    press(async () => {
      throw new Refusal('deputy.stale');
    }),
  );
  return composer;
}

/** The deputy director's, director's and administrator's screens (createBot's `features`). */
export function deputyFeatures(deps: DeputyDeps): Composer<BotContext>[] {
  return [complianceFeature(deps), nudgeFeature(deps), reportsFeature(deps), departmentReportFeature(deps), staleButtonFeature()];
}
