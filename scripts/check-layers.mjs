// Fails when an import crosses the layer rules of DESIGN.md: the domain stays pure, and the
// bot and HTTP layers reach data only through domain services. Relative imports are resolved,
// so `../notifications/types.js` inside src/domain stays inside the domain.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const rules = [
  { dir: 'src/domain', packages: /^(grammy|@grammyjs\/.*|fastify|@fastify\/.*|bullmq|ioredis|drizzle-orm(\/.*)?|postgres|nodemailer|pino|telegram-test-api.*)$/, layers: ['db', 'bot', 'http', 'jobs', 'notifications', 'cli', 'demo'], why: 'the domain imports no framework, I/O library or outer layer' },
  { dir: 'src/bot', packages: /^(drizzle-orm(\/.*)?|postgres)$/, layers: ['db', 'http'], why: 'the bot reaches data through domain services only' },
  { dir: 'src/http', packages: /^(drizzle-orm(\/.*)?|postgres|grammy)$/, layers: ['db', 'bot'], why: 'HTTP reaches data through domain services only' },
];

function files(dir) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(files(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

let bad = 0;
for (const rule of rules) {
  let list = [];
  try { list = files(join(root, rule.dir)); } catch { continue; }
  for (const file of list) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      const m = /^\s*(?:import|export)\b.*?from\s+['"]([^'"]+)['"]/.exec(line) ?? /^\s*import\s+['"]([^'"]+)['"]/.exec(line);
      if (!m) return;
      const spec = m[1];
      let offending = false;
      if (spec.startsWith('.')) {
        const target = relative(join(root, 'src'), resolve(dirname(file), spec)).split('/')[0];
        offending = rule.layers.includes(target);
      } else {
        offending = rule.packages.test(spec);
      }
      if (offending) {
        console.error(`${relative(root, file)}:${i + 1}: ${rule.why}\n  ${line.trim()}`);
        bad++;
      }
    });
  }
}
if (bad) process.exit(1);
console.log('layer rules: ok');
