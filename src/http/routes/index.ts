import type { FastifyInstance } from 'fastify';
import type { AccessService } from '../../domain/access/access-service.js';
import type { SchoolService } from '../../domain/schools/school-service.js';
import { accessRoutes } from './access.js';
import { schoolRoutes } from './school.js';
import type { JournalService } from '../../domain/journal/index.js';
import { journalRoutes } from './journal.js';
import type { ScheduleService } from '../../domain/schedule/index.js';
import { courseRoutes } from './courses.js';
import { scheduleRoutes } from './schedule.js';
import type { RosterService } from '../../domain/roster/roster-service.js';
import { rosterRoutes } from './roster.js';
import type { ReportsService } from '../../domain/reports/index.js';
import { reportRoutes } from './reports.js';
import type { CourseReportsService } from '../../domain/reports/course/index.js';
import { courseReportRoutes } from './course-reports.js';
import type { AuditService } from '../../domain/audit/audit-service.js';
import { auditRoutes } from './audit.js';
import type { ComplianceService } from '../../domain/compliance/index.js';
import { complianceRoutes } from './compliance.js';
import type { YearService } from '../../domain/year/year-service.js';
import { yearRoutes } from './year.js';
import type { MovementService } from '../../domain/movement/index.js';
import { movementRoutes } from './movement.js';
import type { StaffService } from '../../domain/staff/index.js';
import { staffRoutes } from './staff.js';
import type { DepartmentService } from '../../domain/departments/index.js';
import { departmentRoutes } from './departments.js';

/** The domain services the /v1 API calls; app.ts provides them. */
export interface V1Services {
  schools: SchoolService;
  journal: JournalService;
  schedule: ScheduleService;
  roster: RosterService;
  access: AccessService;
  reports: ReportsService;
  courseReports: CourseReportsService;
  audit: AuditService;
  compliance: ComplianceService;
  year: YearService;
  movement: MovementService;
  staff: StaffService;
  departments: DepartmentService;
}

/** Every /v1 resource, one plugin each, in the order the OpenAPI document lists them. */
export async function v1Routes(app: FastifyInstance, services: V1Services): Promise<void> {
  await app.register(schoolRoutes, services);
  await app.register(journalRoutes, services);
  await app.register(courseRoutes, services);
  await app.register(scheduleRoutes, services);
  await app.register(rosterRoutes, services);
  await app.register(accessRoutes, services);
  await app.register(reportRoutes, services);
  await app.register(courseReportRoutes, services);
  await app.register(auditRoutes, services);
  await app.register(complianceRoutes, services);
  await app.register(yearRoutes, services);
  await app.register(movementRoutes, services);
  await app.register(staffRoutes, services);
  await app.register(departmentRoutes, services);
}
