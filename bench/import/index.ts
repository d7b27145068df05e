import { withBenchDatabase } from '../lib/database.js';
import { benchRoster } from './roster.js';
import { benchSchedule } from './schedule.js';

/** Issue targets on a 2-core machine: roster <= 3 s, schedule <= 5 s. */
export async function run(): Promise<void> {
  await withBenchDatabase(async (url) => {
    await benchRoster(url);
    await benchSchedule(url);
  });
}
