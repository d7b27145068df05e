import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { JournalService } from '../../domain/journal/index.js';
import { errorResponses, IdParams } from '../schemas.js';
import {
  attendanceBody,
  attendanceChanges,
  gradeSchema,
  gradesBody,
  groupJournalQuery,
  groupJournalSchema,
  homeworkBody,
  importBody,
  importResult,
  lessonSchema,
  lessonViewSchema,
  topicBody,
  workTypeBody,
} from './journal-schemas.js';

const tags = ['journal'];
const responses = { ...errorResponses, 403: errorResponses[404] };

/** The class journal for the school's main journal system: read lessons and groups, write lesson parts, send grades. */
export async function journalRoutes(scope: FastifyInstance, deps: { journal: JournalService }): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const { journal } = deps;

  app.get(
    '/lessons/:id',
    {
      schema: {
        tags,
        operationId: 'getLesson',
        summary: 'One lesson: students on its date with attendance, topic, homework, grades, next КТП topic',
        params: IdParams,
        response: { 200: lessonViewSchema, ...responses },
      },
    },
    async (request) => journal.getLesson(request.principal, request.params.id),
  );

  app.get(
    '/groups/:id/journal',
    {
      schema: {
        tags,
        operationId: 'getGroupJournal',
        summary: "A group's journal for up to 93 days: lessons with attendance and grades, and the students of the period",
        params: IdParams,
        querystring: groupJournalQuery,
        response: { 200: groupJournalSchema, ...responses },
      },
    },
    async (request) => journal.groupJournal(request.principal, request.params.id, request.query.from, request.query.to),
  );

  app.put(
    '/lessons/:id/attendance',
    {
      schema: {
        tags,
        operationId: 'saveAttendance',
        summary: 'Save the whole attendance of a lesson; students not listed are present. Returns what changed',
        params: IdParams,
        body: attendanceBody,
        response: { 200: attendanceChanges, ...responses },
      },
    },
    async (request) => ({ changes: await journal.saveAttendance(request.principal, request.params.id, request.body) }),
  );

  app.put(
    '/lessons/:id/topic',
    {
      schema: {
        tags,
        operationId: 'setLessonTopic',
        summary: "Set the lesson topic: free text or an item of the course's КТП",
        params: IdParams,
        body: topicBody,
        response: { 200: lessonSchema, ...responses },
      },
    },
    async (request) => journal.setTopic(request.principal, request.params.id, request.body),
  );

  app.put(
    '/lessons/:id/homework',
    {
      schema: {
        tags,
        operationId: 'setLessonHomework',
        summary: 'Set the homework; null means "no homework" and also completes the part',
        params: IdParams,
        body: homeworkBody,
        response: { 200: lessonSchema, ...responses },
      },
    },
    async (request) => journal.setHomework(request.principal, request.params.id, request.body.homework),
  );

  app.put(
    '/lessons/:id/work-type',
    {
      schema: {
        tags,
        operationId: 'setLessonWorkType',
        summary: "Set the lesson's work type (контрольная, лабораторная …) or null; its current grades take it too",
        params: IdParams,
        body: workTypeBody,
        response: { 200: lessonSchema, ...responses },
      },
    },
    async (request) => journal.setWorkType(request.principal, request.params.id, request.body.workType),
  );

  app.post(
    '/lessons/:id/grades',
    {
      schema: {
        tags,
        operationId: 'addLessonGrades',
        summary: 'Add grades on a lesson (dated with the lesson date)',
        params: IdParams,
        body: gradesBody,
        response: { 201: Type.Object({ grades: Type.Array(gradeSchema) }), ...responses },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ grades: await journal.addGrades(request.principal, request.params.id, request.body.grades) }),
  );

  app.delete(
    '/grades/:id',
    {
      schema: {
        tags,
        operationId: 'removeGrade',
        summary: 'Remove a grade (kept in the audit log)',
        params: IdParams,
        response: { 200: gradeSchema, ...responses },
      },
    },
    async (request) => journal.removeGrade(request.principal, request.params.id),
  );

  app.post(
    '/grades/batch',
    {
      schema: {
        tags,
        operationId: 'importGrades',
        summary: "Grades from the school's main journal, idempotent by externalId; all items are checked before anything is saved",
        body: importBody,
        response: { 200: importResult, ...responses },
      },
    },
    async (request) => journal.importGrades(request.principal, request.body.items),
  );
}
