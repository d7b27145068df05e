// The registry this project installs from lacks some platform-only optional packages
// (msgpackr-extract's macOS/Windows builds). npm leaves them out of package-lock.json but
// keeps the edges to them, and then `npm ci` refuses the lock as out of sync. This drops
// optional edges to packages the lock does not hold. Run it after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const present = new Set(Object.keys(lock.packages).map((k) => k.replace(/^.*node_modules\//, '')));
let dropped = 0;
for (const entry of Object.values(lock.packages)) {
  for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
    if (!present.has(dep)) {
      delete entry.optionalDependencies[dep];
      dropped++;
    }
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: dropped ${dropped} optional edge(s) to packages the registry does not have`);
