import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { DepartmentService } from '../../domain/departments/index.js';
import { schoolIdOf } from '../plugins/auth.js';
import { errorResponses, Id, Out } from '../schemas.js';

const tags = ['departments'];

const department = {
  name: Type.String({ description: 'Unique in the school, ignoring case and repeated spaces' }),
  headId: Id({ description: 'The head of department: a staff user of the school' }),
  teacherIds: Type.Array(Id(), { description: 'Member teachers named directly (user ids)' }),
  subjectIds: Type.Array(Id(), { description: 'Subjects whose course teachers are members too' }),
};

const body = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ default: false, description: 'true: check everything and write nothing' })),
  departments: Type.Array(
    Type.Object({
      name: Type.String(),
      headId: Id(),
      teacherIds: Type.Optional(department.teacherIds),
      subjectIds: Type.Optional(department.subjectIds),
    }),
    { description: "The school's whole list: departments not in it are removed" },
  ),
});

export async function departmentRoutes(scope: FastifyInstance, deps: { departments: DepartmentService }): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.put(
    '/departments',
    {
      schema: {
        tags,
        operationId: 'loadDepartments',
        summary: "Replace the school's departments (heads and member teachers or subjects); idempotent, with a dry run",
        body,
        response: {
          200: Out({
            dryRun: Type.Boolean(),
            replaced: Type.Integer({ description: 'Stored departments the load replaced (or would)' }),
            departments: Type.Array(Out(department)),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => deps.departments.load(request.principal, schoolIdOf(request), request.body),
  );

  app.get(
    '/departments',
    {
      schema: {
        tags,
        operationId: 'listDepartments',
        summary: "The school's departments with the teachers each covers now",
        response: {
          200: Out({
            departments: Type.Array(
              Out({
                id: Id(),
                ...department,
                memberIds: Type.Array(Id(), { description: 'Listed teachers and teachers of courses of its subjects' }),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ departments: await deps.departments.list(request.principal, schoolIdOf(request)) }),
  );
}
