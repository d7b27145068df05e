import type { UnitOfWork } from '../domain/ports.js';
import type { Database } from './client.js';
import { createRepositories } from './repositories/index.js';

export function createUnitOfWork(db: Database): UnitOfWork {
  return {
    repos: createRepositories(db),
    transaction: (fn) => db.transaction((tx) => fn(createRepositories(tx))),
  };
}
