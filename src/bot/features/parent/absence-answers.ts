import { Composer } from 'grammy';
import { ConsentRequiredError, type AbsenceAnswer } from '../../../domain/family/index.js';
import { GoneError, NotFoundError, ValidationError } from '../../../domain/shared/errors.js';
import type { BotContext } from '../../context.js';
import type { BotFamily } from '../../deps.js';
import { ID } from '../callback-id.js';
import { asAnyParent } from './principals.js';

const ANSWERS: Record<string, AbsenceAnswer> = { s: 'sick', e: 'excused', u: 'unknown' };
const DATA = new RegExp(`^ax:${ID}:(\\d{4})(\\d{2})(\\d{2}):([seu])$`);
const refused = (err: unknown) =>
  err instanceof NotFoundError || err instanceof ConsentRequiredError || err instanceof GoneError || err instanceof ValidationError;

/**
 * The buttons of an absence notice. The data is untrusted: the service checks the presser is a
 * consenting guardian of that student and that the day still has absences; anything else
 * (another family's child, a corrected day, made-up data) gets one short answer and changes nothing.
 */
export function absenceAnswersFeature(family: BotFamily) {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(/^ax:/, async (ctx) => {
    const m = DATA.exec(ctx.callbackQuery.data);
    const answer = m ? ANSWERS[m[5]!] : undefined;
    const result =
      m && answer
        ? await asAnyParent(ctx, (p) => family.explainAbsence(p, Number(m[1]), `${m[2]}-${m[3]}-${m[4]}`, answer), refused)
        : null;
    if (!result || !answer) {
      await ctx.answerCallbackQuery({ text: ctx.t('absence.stale') });
      return void (await ctx.reply(ctx.t('absence.stale')));
    }
    const text = result.changed ? ctx.t('absence.saved', { answer: ctx.t(`answer.${answer}`), n: result.lessons }) : ctx.t('absence.same');
    await ctx.answerCallbackQuery({ text: result.changed ? ctx.t('settings.saved') : text });
    await ctx.reply(text);
  });
  return composer;
}
