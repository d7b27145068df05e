// Fails when an import crosses the layer rules of DESIGN.md: the domain stays pure, and the
// bot and HTTP layers reach data only through domain services. Relative imports are resolved,
// so `../notifications/types.js` inside src/domain stays inside the domain.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
// What neither the domain nor the shared texts may import: frameworks and I/O libraries.
const frameworks = /^(grammy|@grammyjs\/.*|fastify|@fastify\/.*|bullmq|ioredis|drizzle-orm(\/.*)?|postgres|nodemailer|pino|telegram-test-api.*)$/;
const rules = [
  { dir: 'src/domain', packages: frameworks, layers: ['db', 'bot', 'http', 'jobs', 'notifications', 'cli', 'demo', 'i18n'], why: 'the domain imports no framework, I/O library or outer layer' },
  { dir: 'src/bot', packages: /^(drizzle-orm(\/.*)?|postgres)$/, layers: ['db', 'http', 'notifications'], why: 'the bot reaches data through domain services only' },
  { dir: 'src/i18n', packages: frameworks, layers: ['db', 'bot', 'http', 'jobs', 'notifications', 'cli', 'demo', 'documents'], why: 'the texts are shared by the bot and the notices: they may import domain types only' },
  { dir: 'src/notifications', layers: ['bot', 'http'], why: 'notices share texts with the bot through src/i18n, not through the bot' },
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
        offending = rule.packages?.test(spec) ?? false;
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
