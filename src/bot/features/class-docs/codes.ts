import { type Composer, InlineKeyboard, InputFile } from 'grammy';
import type { SlipTarget } from '../../../domain/access/class-codes.js';
import type { BotContext } from '../../context.js';
import { quietEdit, Refusal, type PressContext } from '../buttons.js';
import { asClassTeacher, menuOf, press, type ClassDocsDeps } from './acting.js';
import { cb, PATTERNS } from './callback-data.js';

/** Telegram shows about 100 buttons; a class has at most a few dozen parents. */
const MAX_PEOPLE = 60;

/**
 * Access codes from «Документы»: for everyone not linked, or for one parent. A new code revokes
 * the person's unused one, so when any target already holds one the teacher confirms first.
 */
export function installCodes(composer: Composer<BotContext>, deps: ClassDocsDeps) {
  const groupOf = (ctx: PressContext) => Number(ctx.match[1]);

  async function send(ctx: PressContext, groupId: number, target: SlipTarget): Promise<string> {
    const result = await asClassTeacher(ctx, (p) => deps.codes.slips(p, groupId, target));
    if (!result.file) return ctx.t('students' in target ? 'classdocs.nobodyStudents' : 'classdocs.nobody');
    await ctx.replyWithDocument(new InputFile(result.file.content, result.file.fileName), {
      caption: ctx.t('students' in target ? 'classdocs.codesCaptionStudents' : 'classdocs.codesCaption', {
        group: result.group.name,
        n: result.slips,
      }),
    });
    return ctx.t('classdocs.issued', { n: result.slips });
  }

  const confirmKeyboard = (ctx: BotContext, groupId: number, confirm: string) =>
    new InlineKeyboard().text(ctx.t('classdocs.btn.confirm'), confirm).text(ctx.t('classdocs.btn.cancel'), cb.back(groupId));

  composer.callbackQuery(
    PATTERNS.all,
    press(async (ctx) => {
      const groupId = groupOf(ctx);
      if (ctx.match[2] === 'A') return send(ctx, groupId, { unlinked: true });
      const { people } = await asClassTeacher(ctx, (p) => deps.codes.people(p, groupId));
      const targets = people.filter((p) => !p.linked);
      if (!targets.length) return ctx.t('classdocs.nobody');
      const pending = targets.filter((p) => p.pendingCode).length;
      if (!pending) return send(ctx, groupId, { unlinked: true });
      await quietEdit(
        ctx.editMessageText(ctx.t('classdocs.confirmAll', { n: targets.length, pending }), {
          reply_markup: confirmKeyboard(ctx, groupId, cb.all(groupId, true)),
        }),
      );
    }),
  );

  // A student's unused code is replaced too; the button says so, as students rarely hold one.
  composer.callbackQuery(
    PATTERNS.students,
    press((ctx) => send(ctx, groupOf(ctx), { students: true })),
  );

  composer.callbackQuery(
    PATTERNS.people,
    press(async (ctx) => {
      const groupId = groupOf(ctx);
      const { group, people } = await asClassTeacher(ctx, (p) => deps.codes.people(p, groupId));
      const unlinked = people.filter((p) => !p.linked).slice(0, MAX_PEOPLE);
      const kb = new InlineKeyboard();
      for (const p of unlinked) {
        const label = `${p.pendingCode ? '🔁 ' : ''}${p.name}${p.forWhom.length ? ` (${p.forWhom.join(', ')})` : ''}`;
        kb.text(label.slice(0, 60), cb.one(groupId, p.userId)).row();
      }
      kb.text(ctx.t('classdocs.btn.back'), cb.back(groupId));
      const text = unlinked.length
        ? ctx.t('classdocs.people', { group: group.name })
        : ctx.t('classdocs.people.none', { group: group.name });
      await quietEdit(ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: kb }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.one,
    press(async (ctx) => {
      const groupId = groupOf(ctx);
      const userId = Number(ctx.match[3]);
      if (ctx.match[2] === 'U') return send(ctx, groupId, { userId });
      const { people } = await asClassTeacher(ctx, (p) => deps.codes.people(p, groupId));
      const person = people.find((p) => p.userId === userId && !p.linked);
      // Not a parent of this class, or linked since the list was shown: nothing is issued.
      if (!person) throw new Refusal('classdocs.stale');
      if (!person.pendingCode) return send(ctx, groupId, { userId });
      await quietEdit(
        ctx.editMessageText(ctx.t('classdocs.confirmOne', { name: person.name }), {
          reply_markup: confirmKeyboard(ctx, groupId, cb.one(groupId, userId, true)),
        }),
      );
    }),
  );

  composer.callbackQuery(
    PATTERNS.back,
    press(async (ctx) => {
      const groupId = groupOf(ctx);
      const { group } = await asClassTeacher(ctx, (p) => deps.codes.people(p, groupId));
      const menu = menuOf(ctx, group);
      await quietEdit(ctx.editMessageText(menu.text, { parse_mode: 'HTML', reply_markup: menu.keyboard }));
    }),
  );
}
