import { Composer, InlineKeyboard } from 'grammy';
import type { ClassOverview, ClassParent } from '../../domain/family/types.js';
import { ForbiddenError, NotFoundError } from '../../domain/shared/errors.js';
import type { BotContext } from '../context.js';
import type { BotFamily } from '../deps.js';
import { escapeHtml as e, type Translate } from '../../i18n/index.js';
import { ID } from './callback-id.js';
import { menuTrigger } from './menu.js';
import { principalOf } from './parent/principals.js';

function parentLine(t: Translate, p: ClassParent): string {
  const reach = p.telegramBlocked
    ? p.hasEmail
      ? t('class.parent.blocked')
      : t('class.parent.blockedNoEmail')
    : p.telegramLinked
      ? t('class.parent.linked')
      : t('class.parent.notLinked');
  return `${e(p.name)}: ${reach}${p.telegramLinked && !p.consent ? `, ${t('class.parent.noConsent')}` : ''}`;
}

export function renderOverview(t: Translate, o: ClassOverview): string {
  const linked = o.students.filter((s) => s.parents.some((p) => p.telegramLinked && !p.telegramBlocked)).length;
  const blocked = o.students.flatMap((s) => s.parents).filter((p) => p.telegramBlocked).length;
  const lines = o.students.map((s, i) => {
    const parents = s.parents.length ? s.parents.map((p) => parentLine(t, p)).join('; ') : t('class.noParent');
    return `${i + 1}. <b>${e(`${s.lastName} ${s.firstName}`)}</b> — ${parents}`;
  });
  return [t('class.title', { group: o.group.name, n: o.students.length, linked, blocked }), '', ...lines].join('\n');
}

/** "Мой класс": which parents are linked, and whose Telegram is blocked (they get e-mail). */
export function classTeacherFeature(family: BotFamily) {
  const composer = new Composer<BotContext>();
  const teachers = (ctx: BotContext) => ctx.users.filter((u) => u.roles.includes('class_teacher'));

  async function overview(ctx: BotContext, groupId: number) {
    for (const user of teachers(ctx)) {
      try {
        const o = await family.classOverview(principalOf(user), groupId);
        return void (await ctx.reply(renderOverview(ctx.t, o), { parse_mode: 'HTML' }));
      } catch (err) {
        if (!(err instanceof NotFoundError || err instanceof ForbiddenError)) throw err;
      }
    }
    await ctx.reply(ctx.t('error.notFound'));
  }

  async function show(ctx: BotContext) {
    const groups = (await Promise.all(teachers(ctx).map((u) => family.myClasses(principalOf(u))))).flat();
    if (!groups.length) return void (await ctx.reply(ctx.t('class.none')));
    if (groups.length === 1) return overview(ctx, groups[0]!.id);
    const keyboard = new InlineKeyboard();
    for (const g of groups) keyboard.text(g.name, `cl:${g.id}`).row();
    await ctx.reply(ctx.t('class.choose'), { reply_markup: keyboard });
  }

  composer.hears(menuTrigger('myClass'), show);
  composer.command('class', show);
  composer.callbackQuery(new RegExp(`^cl:${ID}$`), async (ctx) => {
    await ctx.answerCallbackQuery();
    await overview(ctx, Number(ctx.match[1]));
  });
  return composer;
}
