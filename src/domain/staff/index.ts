import { deactivationOperations, type StaffDeps } from './deactivation.js';
import { handoverOperations } from './handover.js';

export type * from './types.js';

/** Staff leaving (deactivation and back) and course handover; docs/school-year.md. */
export function createStaffService(deps: StaffDeps) {
  return {
    ...deactivationOperations(deps),
    ...handoverOperations(deps),
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
