import type { FamilyRepository } from '../../../domain/family/types.js';
import type { Executor } from '../../client.js';
import { createAbsenceQueries } from './absence-queries.js';
import { createChildQueries } from './child-queries.js';
import { createClassQueries } from './class-queries.js';
import { createConsentQueries } from './consent-queries.js';
import { createStudentQueries } from './student-queries.js';

export function createFamilyRepository(db: Executor): FamilyRepository {
  return {
    ...createConsentQueries(db),
    ...createChildQueries(db),
    ...createAbsenceQueries(db),
    ...createClassQueries(db),
    ...createStudentQueries(db),
  };
}
