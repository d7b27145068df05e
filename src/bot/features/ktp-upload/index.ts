import { Composer, InlineKeyboard } from 'grammy';
import {
  MAX_PLAN_FILE_BYTES,
  MAX_PLAN_ITEMS,
  PlanFileError,
  PlanUploadError,
  type PlanFileProblem,
} from '../../../domain/schedule/index.js';
import { DomainError, ValidationError } from '../../../domain/shared/errors.js';
import type { Principal } from '../../../domain/shared/principal.js';
import type { MessageKey } from '../../../i18n/index.js';
import { FileDownloadError } from '../../../telegram/index.js';
import type { BotContext } from '../../context.js';
import type { BotPlanUpload } from '../../deps.js';
import { buttonHandler, quietEdit, Refusal, type PressContext } from '../buttons.js';
import { staffPrincipals } from '../teacher/acting.js';
import { cb, OURS, PATTERNS } from './callback-data.js';
import { brokenRowsText, dryRunText, hasChanges } from './render.js';

export { ktpUploadButton } from './button.js';

export interface KtpUploadDeps {
  plans: BotPlanUpload;
  /** The bytes of a file the user sent, by getFile's `file_path`; reading stops past `maxBytes`. */
  download(filePath: string, maxBytes: number): Promise<Uint8Array>;
}

/** A school has a few dozen classes; a teacher teaches a handful of courses. */
const MAX_COURSES = 40;

const FILE_PROBLEM: Record<Exclude<PlanFileProblem, 'too_large' | 'too_many_rows'>, MessageKey> = {
  not_supported: 'ktp.notSupported',
  not_spreadsheet: 'ktp.notSpreadsheet',
  empty: 'ktp.empty',
};

function refusalKey(err: DomainError): MessageKey {
  if (err instanceof PlanUploadError)
    return err.reason === 'expired' ? 'ktp.expired' : err.reason === 'changed' ? 'ktp.changed' : 'ktp.stale';
  if (err.code === 'forbidden') return 'ktp.forbidden';
  if (err.code === 'not_found') return 'ktp.notFound';
  // The school's work types changed between the dry run and «Применить».
  if (err.code === 'validation_failed') return 'ktp.changed';
  return 'ktp.refused';
}

const press = (fn: (ctx: PressContext) => Promise<void>) => buttonHandler('ktp', refusalKey, fn, { webhookReply: true });
/** The pending upload's key: chat ids of the two messengers are separate number spaces. */
const chatKeyOf = (ctx: BotContext) => `${ctx.messenger === 'max' ? 'max:' : ''}${ctx.chat?.id ?? ctx.from?.id}`;
const html = { parse_mode: 'HTML' as const };
const limitText = (ctx: BotContext) => ctx.t('ktp.mb', { mb: MAX_PLAN_FILE_BYTES / (1024 * 1024) });

/**
 * `act` as each staff account of the chat in turn (one, almost always) until one may; the first
 * refusal when none may. The domain authorizes: the course's teacher, or the school's administration.
 */
async function asEachStaff<V>(ctx: BotContext, act: (p: Principal) => Promise<V>): Promise<{ principal: Principal; value: V }> {
  const principals = staffPrincipals(ctx.users);
  if (!principals.length) throw new Refusal('ktp.notTeacher');
  let refusal: unknown = null;
  for (const principal of principals) {
    try {
      return { principal, value: await act(principal) };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      refusal ??= err;
    }
  }
  throw refusal;
}

/**
 * /ktp and /plan: a teacher picks one of their courses (skipped when there is one), sends the КТП
 * as CSV or XLSX, sees a dry run and applies it. The upload waits in the domain's durable store,
 * so any process and a restart continue it.
 */
export function ktpUploadFeature(deps: KtpUploadDeps) {
  const composer = new Composer<BotContext>();

  const courseName = async (ctx: BotContext, principal: Principal, courseId: number) => {
    const course = (await deps.plans.teacherCourses(principal)).find((c) => c.id === courseId);
    return course ? ctx.t('ktp.course', { subject: course.subject, group: course.groupName }) : `#${courseId}`;
  };
  const askForFile = async (ctx: BotContext, courseId: number) => {
    const { principal } = await asEachStaff(ctx, (p) => deps.plans.askForFile(p, chatKeyOf(ctx), courseId));
    await ctx.reply(ctx.t('ktp.askFile', { course: await courseName(ctx, principal, courseId), limit: limitText(ctx) }), html);
  };

  composer.command(['ktp', 'plan'], async (ctx) => {
    if (!ctx.users.length) return void (await ctx.reply(ctx.t('fallback.unlinked'), html));
    const principals = staffPrincipals(ctx.users);
    if (!principals.length) return void (await ctx.reply(ctx.t('ktp.notTeacher')));
    const courses = (await Promise.all(principals.map((p) => deps.plans.teacherCourses(p)))).flat().slice(0, MAX_COURSES);
    if (!courses.length) return void (await ctx.reply(ctx.t('ktp.noCourses')));
    if (courses.length === 1) return askForFile(ctx, courses[0]!.id);
    const kb = new InlineKeyboard();
    for (const c of courses) kb.text(ctx.t('ktp.course', { subject: c.subject, group: c.groupName }), cb.ask(c.id)).row();
    await ctx.reply(ctx.t('ktp.pickCourse'), { ...html, reply_markup: kb });
  });

  // Also the course menu's «📥 Загрузить КТП» (ktpUploadButton).
  composer.callbackQuery(
    PATTERNS.ask,
    press((ctx) => askForFile(ctx, Number(ctx.match[1]))),
  );

  composer.on('message:document', async (ctx, next) => {
    if (!staffPrincipals(ctx.users).length) return next();
    const chatKey = chatKeyOf(ctx);
    let asked: { principal: Principal; courseId: number } | null = null;
    for (const principal of staffPrincipals(ctx.users)) {
      const courseId = await deps.plans.receiveFile(principal, chatKey);
      if (courseId !== null) asked ??= { principal, courseId };
    }
    if (!asked) return void (await ctx.reply(ctx.t('ktp.notAsked'), html));
    const { principal, courseId } = asked;
    const doc = ctx.message.document;
    // Telegram says how big the file is: a large one is refused before a byte is fetched.
    if ((doc.file_size ?? 0) > MAX_PLAN_FILE_BYTES) return void (await ctx.reply(ctx.t('ktp.tooLarge', { limit: limitText(ctx) })));
    let bytes: Uint8Array;
    try {
      const file = await ctx.getFile();
      if (!file.file_path) throw new FileDownloadError('getFile gave no file_path');
      bytes = await deps.download(file.file_path, MAX_PLAN_FILE_BYTES);
    } catch (err) {
      if (err instanceof FileDownloadError && err.tooLarge) return void (await ctx.reply(ctx.t('ktp.tooLarge', { limit: limitText(ctx) })));
      ctx.log?.warn({ err: err instanceof Error ? err.message : err }, 'ktp file download failed');
      return void (await ctx.reply(ctx.t('ktp.downloadFailed')));
    }
    const course = await courseName(ctx, principal, courseId);
    try {
      const run = await deps.plans.dryRun(principal, chatKey, { name: doc.file_name ?? null, mimeType: doc.mime_type ?? null, bytes });
      const kb = hasChanges(run)
        ? new InlineKeyboard()
            .text(ctx.t('ktp.btn.apply'), cb.apply(courseId, run.token))
            .text(ctx.t('ktp.btn.cancel'), cb.cancel(courseId, run.token))
        : undefined;
      await ctx.reply(dryRunText(ctx.t, course, run), { ...html, reply_markup: kb });
    } catch (err) {
      if (err instanceof PlanFileError) {
        if (err.reason === 'too_large') return void (await ctx.reply(ctx.t('ktp.tooLarge', { limit: limitText(ctx) })));
        if (err.reason === 'too_many_rows') return void (await ctx.reply(ctx.t('ktp.tooManyRows', { max: MAX_PLAN_ITEMS })));
        return void (await ctx.reply(ctx.t(FILE_PROBLEM[err.reason]), html));
      }
      if (err instanceof ValidationError) return void (await ctx.reply(brokenRowsText(ctx.t, course, err.details), html));
      if (err instanceof DomainError) return void (await ctx.reply(ctx.t(refusalKey(err)), html));
      throw err;
    }
  });

  composer.callbackQuery(
    PATTERNS.apply,
    press(async (ctx) => {
      const courseId = Number(ctx.match[1]);
      const { principal, value: report } = await asEachStaff(ctx, (p) => deps.plans.apply(p, chatKeyOf(ctx), courseId, ctx.match[2]!));
      const text = ctx.t('ktp.applied', { course: await courseName(ctx, principal, courseId), total: report.items.length });
      await quietEdit(ctx.editMessageText(text, { ...html, reply_markup: new InlineKeyboard() }));
    }),
  );

  composer.callbackQuery(
    PATTERNS.cancel,
    press(async (ctx) => {
      await asEachStaff(ctx, (p) => deps.plans.cancel(p, chatKeyOf(ctx), Number(ctx.match[1]), ctx.match[2]!));
      await quietEdit(ctx.editMessageText(ctx.t('ktp.cancelled'), { reply_markup: new InlineKeyboard() }));
    }),
  );

  composer.callbackQuery(
    OURS,
    press(async () => {
      throw new Refusal('ktp.refused');
    }),
  );
  return composer;
}
