import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The Node options of a script's command line (the `--` words after `node`, up to the first that is not one). */
function nodeFlags(script: string): string[] {
  const words = script.split(/\s+/);
  expect(words[0]).toBe('node');
  const flags: string[] = [];
  for (const w of words.slice(1)) {
    if (!w.startsWith('--') || w === '--import') break;
    flags.push(w);
  }
  return flags;
}

describe('the start scripts', () => {
  const dev = nodeFlags(pkg.scripts.start!);
  const prod = nodeFlags(pkg.scripts['start:prod']!);

  it('run Node with the same garbage-collector settings in development and production', () => {
    expect(prod).toEqual(dev);
    expect(dev).toContain('--max-semi-space-size=64');
    expect(dev).toContain('--no-allocation-site-pretenuring');
  });

  it('use flags this Node accepts, each documented in the README', () => {
    const run = spawnSync(process.execPath, [...dev, '-e', 'process.exit(0)'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const flag of dev) expect(readme).toContain(flag.split('=')[0]);
  });
});
