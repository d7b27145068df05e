import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

export function helpFeature() {
  const composer = new Composer<BotContext>();
  composer.command('help', (ctx) => ctx.reply(ctx.t(ctx.users.length ? 'help.linked' : 'help.unlinked'), { parse_mode: 'HTML' }));
  return composer;
}
