import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { runMigrations } from '../../src/db/migrate.js';

/** A throw-away database for one benchmark, created from the migrations and dropped afterwards. */
export async function withBenchDatabase<T>(fn: (url: string) => Promise<T>, options: { keep?: boolean } = {}): Promise<T> {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `sj_bench_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    await runMigrations(url.toString());
    return await fn(url.toString());
  } finally {
    if (!options.keep) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

export async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${label}: ${ms.toFixed(0)} ms`);
  return { result, ms };
}

/** A database kept by an earlier run (BENCH_KEEP=1), brought up to the current migrations and kept. */
export async function withKeptDatabase<T>(name: string, fn: (url: string) => Promise<T>): Promise<T> {
  if (!/^sj_bench_[a-z0-9]+$/.test(name)) throw new Error(`not a benchmark database: ${name}`);
  const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  return fn(url.toString());
}
