import type { UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { createDeparturesService } from './departures-service.js';
import { createPromotionService } from './promotion-service.js';

export type { DepartureReport } from './departures.js';
export type { PromotionInput, PromotionResult } from './promotion-service.js';
export type { WithdrawInput } from './departures-service.js';

/** Students leaving the school (выбытие) and the year-end move up of every class. */
export function createMovementService(deps: { uow: UnitOfWork; clock: Clock }) {
  return { ...createDeparturesService(deps), ...createPromotionService(deps) };
}

export type MovementService = ReturnType<typeof createMovementService>;
