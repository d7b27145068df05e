/**
 * `npm run bench -- <name>`: runs bench/<name>/index.ts (or all when no name is given).
 * Each benchmark prints its own figures; nothing here asserts on time.
 */
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(here).filter((n) => statSync(join(here, n)).isDirectory() && n !== 'lib');

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : available;
  for (const name of names) {
    if (!available.includes(name)) {
      console.error(`Unknown benchmark "${name}". Available: ${available.join(', ')}`);
      process.exit(2);
    }
    console.log(`\n### bench ${name}`);
    const mod = (await import(`./${name}/index.ts`)) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
