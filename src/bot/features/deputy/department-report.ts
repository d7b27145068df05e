import { Composer, InputFile, type InlineKeyboard } from 'grammy';
import { HEAD_ROLE } from '../../../domain/compliance/index.js';
import type { LinkedUser } from '../../../domain/access/types.js';
import { NotFoundError } from '../../../domain/shared/errors.js';
import { escapeHtml, formatMonth, type Translate } from '../../../i18n/index.js';
import type { BotContext } from '../../context.js';
import { complianceUsers, nextRow, press, principalOf, Refusal, type DeputyDeps } from './acting.js';
import { cb, PATTERNS } from './callback-data.js';

/** «📄 Отчёт за месяц» under a head's «Контроль»: one button per department they head. */
export async function addDepartmentButtons(kb: InlineKeyboard, t: Translate, deps: DeputyDeps, user: LinkedUser): Promise<void> {
  if (!user.roles.includes(HEAD_ROLE)) return;
  const departments = await deps.compliance.departmentsOf(principalOf(user));
  for (const d of departments) {
    const text = departments.length > 1 ? t('deptpdf.btnNamed', { name: d.name }) : t('deptpdf.btn');
    nextRow(kb).text(text.slice(0, 60), cb.departmentReport(d.id));
  }
}

/**
 * `dm1:<departmentId>`: the department's last month as the PDF the 10th's report carries. The
 * id is untrusted: the service answers only for a department the caller heads, and anything
 * else gets a clear refusal and no file.
 */
export function departmentReportFeature(deps: DeputyDeps) {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(
    PATTERNS.departmentReport,
    press(async (ctx) => {
      const user = complianceUsers(ctx.users)[0];
      if (!user) throw new Refusal('deputy.notAllowed');
      const report = await deps.compliance.departmentReport(principalOf(user), Number(ctx.match[1])).catch((err: unknown) => {
        if (err instanceof NotFoundError) throw new Refusal('deptpdf.notYours');
        throw err;
      });
      const { summary, department, file } = report;
      const subject = ctx.t('deptpdf.subject', { name: escapeHtml(department.name), month: formatMonth(summary.from, ctx.locale) });
      const caption = summary.totals.lessons ? `<b>${subject}</b>` : `<b>${subject}</b>\n${ctx.t('deptpdf.none')}`;
      await ctx.replyWithDocument(new InputFile(file.content, file.fileName), { caption, parse_mode: 'HTML' });
      return ctx.t('deptpdf.preparing');
    }),
  );
  return composer;
}
