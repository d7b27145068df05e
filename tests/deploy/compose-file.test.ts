import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * What `docker compose config` cannot see (CI runs it; these machines run no Docker engine):
 * that compose.yml, deploy/Caddyfile and the Dockerfile agree with each other and with the product.
 */
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const compose = read('compose.yml');
const caddyfile = read('deploy/Caddyfile');
const dockerfile = read('Dockerfile');
const readme = read('README.md');

/** The lines of a block: from the line matching `start` to the next line indented less than its keys. */
function block(text: string, start: RegExp): string[] {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => start.test(l));
  expect(from).toBeGreaterThanOrEqual(0);
  const indent = lines[from + 1]!.search(/\S/);
  const end = lines.findIndex((l, i) => i > from && l.trim() !== '' && l.search(/\S/) < indent);
  return lines.slice(from + 1, end === -1 ? undefined : end);
}

describe('the deployment files', () => {
  it('pass the processes only settings the README documents', () => {
    const names = block(compose, /environment: &app-env/)
      .map((l) => /^\s+([A-Z_]+):/.exec(l)?.[1])
      .filter(Boolean);
    expect(names).toContain('DATABASE_URL');
    for (const name of names) expect(readme).toContain(`| \`${name}\` |`);
  });

  it('put every web process behind the proxy, which routes by readiness; each is checked for liveness', () => {
    const web = [...compose.matchAll(/^ {2}(web-\d+): \*web$/gm)].map((m) => m[1]);
    expect(web.length).toBeGreaterThanOrEqual(2);
    const upstreams = /reverse_proxy ([^{]+)\{/.exec(caddyfile)![1]!.trim().split(/\s+/);
    expect(upstreams.sort()).toEqual(web.map((w) => `${w}:3000`).sort());
    expect(caddyfile).toMatch(/health_uri \/readyz/);
    expect(block(compose, /^x-web: &web/).join('\n')).toMatch(/healthcheck:[\s\S]*\/healthz/);
    expect([...compose.matchAll(/^ {2}(worker-\d+): \*worker$/gm)]).toHaveLength(2);
  });

  it('run Redis without eviction and migrate before any process starts', () => {
    expect(block(compose, /^ {2}redis:$/).join('\n')).toMatch(/--maxmemory-policy", "noeviction"/);
    expect(block(compose, /^x-app: &app/).join('\n')).toMatch(/migrate:\s+condition: service_completed_successfully/);
  });

  it('build on Node 20 and run npm run start:prod as a non-root user', () => {
    const from = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(from.every((image) => image!.startsWith('node:20'))).toBe(true);
    expect(dockerfile).toMatch(/RUN npm ci --no-audit/);
    expect(dockerfile).toMatch(/RUN npm run build/);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^CMD \[.*"start:prod"\]$/m);
  });
});
