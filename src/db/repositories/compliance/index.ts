import type { ComplianceRepository } from '../../../domain/compliance/types.js';
import type { Executor } from '../../client.js';
import { createFactQueries } from './fact-queries.js';
import { createScanQueries } from './scan-queries.js';
import { createTermQueries } from './term-queries.js';

export function createComplianceRepository(db: Executor): ComplianceRepository {
  return { ...createScanQueries(db), ...createFactQueries(db), ...createTermQueries(db) };
}
