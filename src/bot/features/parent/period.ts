import { Composer } from 'grammy';
import { ConsentRequiredError, StudentConsentRequiredError } from '../../../domain/family/index.js';
import { NotFoundError } from '../../../domain/shared/errors.js';
import type { BotContext } from '../../context.js';
import type { BotFamily } from '../../deps.js';
import { followUpKeyboard } from '../../link-account.js';
import { ID } from '../callback-id.js';
import { renderPeriod, renderSubject } from './period-render.js';
import { asAnyReader } from './principals.js';

const DATA = new RegExp(`^pp:${ID}(?::${ID})?$`);
const refused = (err: unknown) =>
  err instanceof NotFoundError || err instanceof ConsentRequiredError || err instanceof StudentConsentRequiredError;

/**
 * The child's grades of the current study period, and one subject's. Both ids come from a
 * button: the service checks the child is the presser's own (with consent) and the subject one
 * the child takes; a forged, stale or malformed button gets one clear answer and shows nothing.
 */
export function periodFeature(family: BotFamily) {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(/^pp:/, async (ctx) => {
    const m = DATA.exec(ctx.callbackQuery.data);
    const studentId = Number(m?.[1]);
    const subjectId = m?.[2] === undefined ? null : Number(m[2]);
    const screen = m
      ? await asAnyReader(
          ctx,
          async (p) =>
            subjectId === null
              ? renderPeriod(ctx.t, await family.childPeriod(p, studentId))
              : renderSubject(ctx.t, await family.childPeriodSubject(p, studentId, subjectId)),
          refused,
        )
      : null;
    if (!screen) {
      await ctx.answerCallbackQuery({ text: ctx.t('period.gone') });
      return void (await ctx.reply(ctx.t('period.gone')));
    }
    await ctx.answerCallbackQuery();
    await ctx.reply(screen.html, { parse_mode: 'HTML', reply_markup: followUpKeyboard(screen) });
  });
  return composer;
}
