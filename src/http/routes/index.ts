import type { FastifyInstance } from 'fastify';
import type { AccessService } from '../../domain/access/access-service.js';
import type { SchoolService } from '../../domain/schools/school-service.js';
import { accessRoutes } from './access.js';
import { schoolRoutes } from './school.js';

/** The domain services the /v1 API calls; app.ts provides them. */
export interface V1Services {
  schools: SchoolService;
  access: AccessService;
}

/** Every /v1 resource, one plugin each, in the order the OpenAPI document lists them. */
export async function v1Routes(app: FastifyInstance, services: V1Services): Promise<void> {
  await app.register(schoolRoutes, services);
  await app.register(accessRoutes, services);
}
