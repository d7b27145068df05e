import { Composer } from 'grammy';
import { DomainError, RateLimitedError } from '../../../domain/shared/errors.js';
import type { BotContext } from '../../context.js';
import { complianceUsers, press, principalOf, Refusal, type DeputyDeps } from './acting.js';
import { parseCompactDate, PATTERNS } from './callback-data.js';

/**
 * «Напомнить: <teacher>» under an escalation alert: `nudge:<teacherId>:<yyyymmdd>`. The ids are
 * untrusted; the compliance service checks that the presser holds a control role and that the
 * teacher is of that school, or of their departments for a head (anything else is NotFound),
 * and throttles repeats.
 */
export function nudgeFeature(deps: DeputyDeps) {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(
    PATTERNS.nudge,
    press(async (ctx) => {
      const teacherId = Number(ctx.match[1]);
      const date = parseCompactDate(ctx.match[2]!);
      if (!date) throw new Refusal('deputy.stale');
      const accounts = complianceUsers(ctx.users);
      if (!accounts.length) throw new Refusal('deputy.nudge.notAllowed');
      // With accounts in several schools, the teacher belongs to at most one: the others answer NotFound.
      for (const account of accounts) {
        try {
          const { queued } = await deps.compliance.nudge(principalOf(account), teacherId, date);
          ctx.log?.info({ teacherId, date, queued }, 'deputy nudged a teacher');
          return ctx.t(queued ? 'deputy.nudge.sent' : 'deputy.nudge.nothing');
        } catch (err) {
          if (err instanceof RateLimitedError) {
            const minutes = Math.max(1, Math.ceil(err.retryAfterSeconds / 60));
            throw new Refusal('deputy.nudge.tooSoon', ctx.t('deputy.nudge.tooSoon', { minutes }));
          }
          if (err instanceof DomainError && err.code === 'validation_failed') throw new Refusal('deputy.stale');
          if (err instanceof DomainError && err.code === 'gone') throw new Refusal('staff.nudge.departed');
          if (!(err instanceof DomainError && err.code === 'not_found')) throw err;
        }
      }
      throw new Refusal('deputy.nudge.notAllowed');
    }),
  );
  return composer;
}
