/**
 * The Telegram stub in a process of its own, so that pauses of the process under test do not
 * bunch up the arrival times the stub measures (in one process they would look like bursts).
 * Prints the API root on its first line; GET <root>/bot<any>/__stats reports what it saw.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startTelegramStub } from './telegram-stub.js';

export interface StubStats {
  accepted: number;
  rejected: number;
  methods: string[];
  first: number;
  last: number;
  maxPerSecond: number;
}

export async function startStubProcess(): Promise<{ apiRoot: string; stats(): Promise<StubStats>; close(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const apiRoot = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim().split('\n')[0]!));
  });
  return {
    apiRoot,
    async stats() {
      const res = await fetch(`${apiRoot}/botstats/__stats`, { method: 'POST' });
      return (await res.json()) as StubStats;
    },
    close: () => child.kill(),
  };
}

if (process.argv.includes('--serve')) {
  const stub = await startTelegramStub();
  process.stdout.write(`${stub.apiRoot}\n`);
}
