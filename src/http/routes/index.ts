import type { FastifyInstance } from 'fastify';
import type { SchoolService } from '../../domain/schools/school-service.js';
import { schoolRoutes } from './school.js';
import type { JournalService } from '../../domain/journal/index.js';
import { journalRoutes } from './journal.js';
import type { ScheduleService } from '../../domain/schedule/index.js';
import { courseRoutes } from './courses.js';
import { scheduleRoutes } from './schedule.js';
import type { ComplianceService } from '../../domain/compliance/index.js';
import { complianceRoutes } from './compliance.js';

/** The domain services the /v1 API calls; app.ts provides them. */
export interface V1Services {
  schools: SchoolService;
  journal: JournalService;
  schedule: ScheduleService;
  compliance: ComplianceService;
}

/** Every /v1 resource, one plugin each, in the order the OpenAPI document lists them. */
export async function v1Routes(app: FastifyInstance, services: V1Services): Promise<void> {
  await app.register(schoolRoutes, services);
  await app.register(journalRoutes, services);
  await app.register(courseRoutes, services);
  await app.register(scheduleRoutes, services);
  await app.register(complianceRoutes, services);
}
