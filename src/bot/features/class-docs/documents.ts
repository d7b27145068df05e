import { type Composer, InlineKeyboard, InputFile } from 'grammy';
import { numericDate, type LocalDate } from '../../../domain/shared/dates.js';
import type { BotContext } from '../../context.js';
import { reportRange } from '../deputy/reports.js';
import { nextRow, quietEdit, Refusal } from '../buttons.js';
import { asClassTeacher, press, type ClassDocsDeps } from './acting.js';
import { cb, PATTERNS, type DocKind, type RangeCode } from './callback-data.js';

/**
 * The class's printable reports: attendance for a month, a study period or the year; results for
 * a study period or the year. A period id in the button is looked up again among the class's
 * own periods, so a forged one is stale, not a report of some other range.
 */
export function installDocuments(composer: Composer<BotContext>, deps: ClassDocsDeps) {
  composer.callbackQuery(
    PATTERNS.ranges,
    press(async (ctx) => {
      const groupId = Number(ctx.match[1]);
      const kind = ctx.match[2] as DocKind;
      const [{ periods }, { group }] = await asClassTeacher(ctx, (p) =>
        Promise.all([deps.documents.periods(p, groupId), deps.codes.people(p, groupId)]),
      );
      const kb = new InlineKeyboard();
      if (kind === 'a')
        kb.text(ctx.t('classdocs.range.m'), cb.file(groupId, kind, 'm'))
          .text(ctx.t('classdocs.range.l'), cb.file(groupId, kind, 'l'))
          .row();
      periods.forEach((period, i) => {
        kb.text(ctx.t('classdocs.range.period', { n: period.number, kind: period.kind }), cb.file(groupId, kind, `p${period.id}`));
        if (i % 2 === 1) kb.row();
      });
      nextRow(kb)
        .text(ctx.t('classdocs.range.y'), cb.file(groupId, kind, 'y'))
        .row()
        .text(ctx.t('classdocs.btn.back'), cb.back(groupId));
      const text = ctx.t(kind === 'a' ? 'classdocs.pickRange.attendance' : 'classdocs.pickRange.results', { group: group.name });
      await quietEdit(ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: kb }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.file,
    press(async (ctx) => {
      const groupId = Number(ctx.match[1]);
      const kind = ctx.match[2] as DocKind;
      const code = ctx.match[3] as RangeCode;
      const file = await asClassTeacher(ctx, async (p) => {
        const { today, periods } = await deps.documents.periods(p, groupId);
        const range = rangeOf(code, today, periods);
        if (!range) throw new Refusal('classdocs.stale');
        const doc = await (kind === 'a' ? deps.documents.attendance(p, groupId, range) : deps.documents.results(p, groupId, range));
        return { doc, range };
      });
      await ctx.replyWithDocument(new InputFile(file.doc.content, file.doc.fileName), {
        caption: ctx.t('classdocs.docCaption', {
          kind: kind === 'a' ? 'attendance' : 'results',
          group: file.doc.group.name,
          from: numericDate(file.range.from),
          to: numericDate(file.range.to),
        }),
      });
      return ctx.t('classdocs.sent');
    }),
  );
}

function rangeOf(code: RangeCode, today: LocalDate, periods: { id: number; from: LocalDate; to: LocalDate }[]) {
  if (code === 'm' || code === 'l' || code === 'y') return reportRange(code, today);
  const period = periods.find((p) => `p${p.id}` === code);
  return period ? { from: period.from, to: period.to } : null;
}
