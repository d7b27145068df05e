import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { DemoAccount } from './demo-school.js';

export { seedDemoSchool, type DemoAccount } from './demo-school.js';

/** Tells whoever started the product how to talk to the bot as each demo person. */
export async function announceDemo(
  accounts: DemoAccount[] | null,
  config: Config,
  logger: Logger,
  opts: { max?: boolean } = {},
): Promise<void> {
  if (!accounts) {
    logger.info('the database already has schools: no demo data seeded');
    return;
  }
  const lines = accounts.map(
    (a) =>
      `  ${a.role.padEnd(15)} ${a.name}: npx tsx scripts/demo-chat.ts --port ${config.emulator.port} --chat ${a.chatId} "/start ${a.code}"`,
  );
  logger.info({ accounts: accounts.map((a) => ({ role: a.role, chatId: a.chatId })) }, 'seeded a demo school');
  // Printed plainly as well: these are the commands a person copies from the terminal.
  // A code links one messenger once: the same person in MAX needs the code the Telegram line did not use.
  const maxLines = opts.max
    ? accounts.map(
        (a) =>
          `  ${a.role.padEnd(15)} ${a.name}: npx tsx scripts/demo-max-chat.ts --port ${config.emulator.maxPort} --user ${a.chatId} "/start ${a.code}"`,
      )
    : [];
  const inMax = maxLines.length
    ? `\nOr in MAX, through the local MAX stand-in (each code links once, in either messenger):\n${maxLines.join('\n')}\n`
    : '';
  process.stdout.write(`\nDemo school ready. Talk to the bot through the local emulator:\n${lines.join('\n')}\n${inMax}\n`);
}
