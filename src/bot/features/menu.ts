import { Composer, Keyboard } from 'grammy';
import type { Role } from '../../domain/shared/principal.js';
import type { BotContext } from '../context.js';
import { allLabels, type MessageKey, type Translate } from '../../i18n/index.js';

/** Main-menu buttons; a feature answers a button with `composer.hears(menuTrigger('today'), …)`. */
export type MenuItem =
  | 'today'
  | 'otherDay'
  | 'children'
  | 'control'
  | 'myClass'
  | 'reports'
  | 'studentToday'
  | 'studentTomorrow'
  | 'studentWeek'
  | 'studentGrades'
  | 'settings';

const ITEM_KEYS: Record<MenuItem, MessageKey> = {
  today: 'menu.today',
  otherDay: 'menu.otherDay',
  children: 'menu.children',
  control: 'menu.control',
  myClass: 'menu.myClass',
  reports: 'menu.reports',
  studentToday: 'menu.studentToday',
  studentTomorrow: 'menu.studentTomorrow',
  studentWeek: 'menu.studentWeek',
  studentGrades: 'menu.studentGrades',
  settings: 'menu.settings',
};

const STAFF_CONTROL: readonly Role[] = ['deputy_director', 'director', 'administrator', 'head_of_department'];
/** The roles the reports service serves school-wide documents to. */
const STAFF_REPORTS: readonly Role[] = ['deputy_director', 'director', 'administrator'];

export function menuItemsFor(roles: readonly Role[]): MenuItem[] {
  const items: MenuItem[] = [];
  if (roles.includes('teacher') || roles.includes('class_teacher')) items.push('today', 'otherDay');
  if (roles.includes('class_teacher')) items.push('myClass');
  if (roles.includes('parent')) items.push('children');
  if (roles.includes('student')) items.push('studentToday', 'studentTomorrow', 'studentWeek', 'studentGrades', 'settings');
  if (roles.some((r) => STAFF_CONTROL.includes(r))) items.push('control');
  // A teacher's «Отчёты» are their own courses' (features/teacher-reports); staff get the school's.
  if (roles.some((r) => STAFF_REPORTS.includes(r) || r === 'teacher' || r === 'class_teacher')) items.push('reports');
  return items;
}

/** The button text in every language: a button from before a /language switch still works. */
export function menuTrigger(item: MenuItem): string[] {
  return allLabels(ITEM_KEYS[item]);
}

export function menuKeyboard(t: Translate, roles: readonly Role[]): Keyboard {
  const keyboard = new Keyboard();
  menuItemsFor(roles).forEach((item, i) => {
    if (i > 0 && i % 2 === 0) keyboard.row();
    keyboard.text(t(ITEM_KEYS[item]));
  });
  return keyboard.resized().persistent();
}

/** Sends the main menu of the roles of every linked user. */
export async function showMenu(ctx: BotContext, text?: string): Promise<void> {
  const roles = [...new Set(ctx.users.flatMap((u) => u.roles))];
  await ctx.reply(text ?? ctx.t('menu.title'), { parse_mode: 'HTML', reply_markup: menuKeyboard(ctx.t, roles) });
}

export function menuFeature() {
  const composer = new Composer<BotContext>();
  composer.command('menu', async (ctx) => {
    if (!ctx.users.length) return ctx.reply(ctx.t('fallback.unlinked'), { parse_mode: 'HTML' });
    await showMenu(ctx);
  });
  return composer;
}

/** Installed after every real feature: buttons nobody handled yet answer "coming soon". */
export function placeholderFeature() {
  const composer = new Composer<BotContext>();
  const items: MenuItem[] = ['today', 'otherDay', 'children', 'control', 'myClass', 'reports'];
  composer.hears(items.flatMap(menuTrigger), async (ctx) => {
    if (!ctx.users.length) return ctx.reply(ctx.t('fallback.unlinked'), { parse_mode: 'HTML' });
    await ctx.reply(ctx.t('menu.soon'));
  });
  return composer;
}

/** The last handler: a message nothing understood. */
export function fallbackFeature() {
  const composer = new Composer<BotContext>();
  composer.on('message', async (ctx) => {
    if (!ctx.users.length) return ctx.reply(ctx.t('fallback.unlinked'), { parse_mode: 'HTML' });
    await showMenu(ctx, ctx.t('fallback.linked'));
  });
  composer.on('callback_query', (ctx) => ctx.answerCallbackQuery());
  return composer;
}
