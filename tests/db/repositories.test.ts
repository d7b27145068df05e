import { describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/repositories/index.js';

describe('the repositories of one executor', () => {
  // Building a repository only keeps the executor; nothing is sent until a query runs.
  const executor = {} as Parameters<typeof createRepositories>[0];

  it('builds each repository once, on first use', () => {
    const repos = createRepositories(executor);
    const journal = repos.journal;
    expect(journal).toBeTypeOf('object');
    expect(repos.journal).toBe(journal);
    expect(createRepositories(executor).journal).not.toBe(journal);
  });

  it('lists every repository as its own data property, so a test double can spread it', () => {
    const repos = createRepositories(executor);
    const fake = { upsert: async () => undefined };
    const overridden = { ...repos, notifications: fake };
    expect(Object.keys(overridden).sort()).toEqual(Object.keys(repos).sort());
    expect(Object.keys(repos)).toContain('journal');
    expect(overridden.notifications).toBe(fake);
    expect(overridden.journal).toBe(repos.journal);
    // A getter defined on each set would keep its transaction alive through young-generation
    // garbage collections (docs/bot.md, "Garbage collection").
    const descriptor = Object.getOwnPropertyDescriptor(repos, 'schools')!;
    expect(descriptor.get).toBeUndefined();
    expect(descriptor.value).toBe(repos.schools);
    expect('schools' in repos).toBe(true);
    expect('toString' in repos).toBe(false);
  });
});
