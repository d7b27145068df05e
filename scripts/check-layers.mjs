// Fails when an import crosses the layer rules of DESIGN.md (domain pure; bot/http never reach db).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const rules = [
  { dir: 'src/domain', forbid: /from ['"](grammy|@grammyjs\/.*|fastify|@fastify\/.*|bullmq|ioredis|drizzle-orm.*|postgres|nodemailer|pino)['"]/, outside: true, why: 'the domain imports no framework, I/O library or outer layer' },
  { dir: 'src/bot', forbid: /from ['"][^'"]*\/(db|http)\/|drizzle-orm|from ['"]postgres['"]/, why: 'the bot reaches data through domain services only' },
  { dir: 'src/http', forbid: /from ['"][^'"]*\/(db|bot)\/|drizzle-orm|from ['"]postgres['"]/, why: 'HTTP reaches data through domain services only' },
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

/** A relative import that resolves outside `dir` (src/domain/notifications is inside; src/notifications is not). */
function leavesDir(file, line, dir) {
  const m = line.match(/from ['"](\.{1,2}\/[^'"]*)['"]/);
  return m ? relative(resolve(dir), resolve(dirname(file), m[1])).startsWith('..') : false;
}

let bad = 0;
for (const rule of rules) {
  let list = [];
  try { list = files(rule.dir); } catch { continue; }
  for (const file of list) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (line.startsWith('import') || line.includes(' from ')) {
        if (rule.forbid.test(line) || (rule.outside && leavesDir(file, line, rule.dir))) {
          console.error(`${file}:${i + 1}: ${rule.why}\n  ${line.trim()}`);
          bad++;
        }
      }
    });
  }
}
if (bad) process.exit(1);
console.log('layer rules: ok');
