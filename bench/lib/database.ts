import { randomBytes } from 'node:crypto';
import { localSocketUrlOf, openPostgres, unixSocketOf } from '../../src/db/connect.js';
import { runMigrations } from '../../src/db/migrate.js';

const TCP_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
let chosen: string | undefined;

/**
 * The server the benchmarks use: BENCH_DATABASE_URL, or else the local PostgreSQL through its
 * Unix socket when it has one, as a deployment on one machine would connect (see the README's
 * DATABASE_URL), and over TCP otherwise. Printed once, since the two differ in CPU per statement.
 */
async function benchServerUrl(): Promise<string> {
  if (chosen) return chosen;
  chosen = process.env.BENCH_DATABASE_URL ?? (await localSocketUrlOf(TCP_URL)) ?? TCP_URL;
  const socket = unixSocketOf(chosen);
  console.log(`PostgreSQL: ${socket ? `Unix socket ${socket.path}` : `TCP ${new URL(chosen).host}`} (BENCH_DATABASE_URL overrides)`);
  return chosen;
}

/** A throw-away database for one benchmark, created from the migrations and dropped afterwards. */
export async function withBenchDatabase<T>(fn: (url: string) => Promise<T>, options: { keep?: boolean } = {}): Promise<T> {
  const base = await benchServerUrl();
  const name = `sj_bench_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const admin = openPostgres(base, { max: 1, onnotice: () => {} });
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
  const url = new URL(await benchServerUrl());
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  return fn(url.toString());
}
