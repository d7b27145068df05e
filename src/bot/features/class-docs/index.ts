import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../../context.js';
import { principalOf as principalFor, Refusal } from '../buttons.js';
import { asClassTeacher, classTeachers, menuOf, press, type ClassDocsDeps } from './acting.js';
import { cb, OURS, PATTERNS } from './callback-data.js';
import { installCodes } from './codes.js';
import { installDocuments } from './documents.js';

export type { ClassDocsDeps } from './acting.js';

/**
 * The class teacher's «Документы» (/classdocs, or `cd:<groupId>` from «Мой класс»): access-code
 * slips to print for the parents not linked yet, and the class's attendance and results as PDF.
 * Every press names the group; the domain checks it is the presser's own class.
 */
export function classDocsFeature(deps: ClassDocsDeps) {
  const composer = new Composer<BotContext>();

  composer.command('classdocs', async (ctx) => {
    if (!classTeachers(ctx.users).length)
      return void (await ctx.reply(ctx.users.length ? ctx.t('classdocs.none') : ctx.t('fallback.unlinked')));
    const groups = (await Promise.all(classTeachers(ctx.users).map((u) => deps.family.myClasses(principalFor(u))))).flat();
    if (!groups.length) return void (await ctx.reply(ctx.t('classdocs.none')));
    if (groups.length === 1) {
      const menu = menuOf(ctx, groups[0]!);
      return void (await ctx.reply(menu.text, { parse_mode: 'HTML', reply_markup: menu.keyboard }));
    }
    const kb = new InlineKeyboard();
    for (const g of groups) kb.text(g.name, cb.menu(g.id)).row();
    await ctx.reply(ctx.t('classdocs.choose'), { reply_markup: kb });
  });

  // The entry from «Мой класс» and the class picker: the menu comes as a new message, so the class screen stays.
  composer.callbackQuery(
    PATTERNS.menu,
    press(async (ctx) => {
      const groupId = Number(ctx.match[1]);
      const { group } = await asClassTeacher(ctx, (p) => deps.codes.people(p, groupId));
      const menu = menuOf(ctx, group);
      await ctx.reply(menu.text, { parse_mode: 'HTML', reply_markup: menu.keyboard });
    }),
  );
  installCodes(composer, deps);
  installDocuments(composer, deps);
  composer.callbackQuery(
    OURS,
    press(async () => {
      throw new Refusal('classdocs.stale');
    }),
  );
  return composer;
}
