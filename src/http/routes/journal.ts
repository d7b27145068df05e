import type { FastifyInstance } from 'fastify';
import type { AttendanceInput, GradeInput, ImportGradeItem, JournalService, TopicInput } from '../../domain/journal/index.js';
import { errorResponses, idParam, localDate } from '../schemas.js';
import {
  attendanceBody, attendanceChanges, gradeKind, gradeSchema, groupJournalSchema, importItem, lessonSchema, lessonViewSchema,
} from './journal-schemas.js';

const tags = ['journal'];
const responses = { ...errorResponses, 403: errorResponses[404] };

/** The class journal for the school's main journal system: read lessons and groups, write lesson parts, send grades. */
export async function journalRoutes(app: FastifyInstance, deps: { journal: JournalService }): Promise<void> {
  const { journal } = deps;
  type Id = { Params: { id: number } };

  app.get<Id>('/lessons/:id', {
    schema: { tags, summary: 'One lesson: students on its date with attendance, topic, homework, grades, next КТП topic', params: idParam, response: { 200: lessonViewSchema, ...responses } },
  }, async (request) => journal.getLesson(request.principal, request.params.id));

  app.get<Id & { Querystring: { from: string; to: string } }>('/groups/:id/journal', {
    schema: {
      tags,
      summary: 'A group\'s journal for up to 93 days: lessons with attendance and grades, and the students of the period',
      params: idParam,
      querystring: { type: 'object', required: ['from', 'to'], properties: { from: localDate, to: localDate }, additionalProperties: false },
      response: { 200: groupJournalSchema, ...responses },
    },
  }, async (request) => journal.groupJournal(request.principal, request.params.id, request.query.from, request.query.to));

  app.put<Id & { Body: AttendanceInput }>('/lessons/:id/attendance', {
    schema: {
      tags,
      summary: 'Save the whole attendance of a lesson; students not listed are present. Returns what changed',
      params: idParam, body: attendanceBody, response: { 200: attendanceChanges, ...responses },
    },
  }, async (request) => ({ changes: await journal.saveAttendance(request.principal, request.params.id, request.body) }));

  app.put<Id & { Body: TopicInput }>('/lessons/:id/topic', {
    schema: {
      tags,
      summary: 'Set the lesson topic: free text or an item of the course\'s КТП',
      params: idParam,
      body: {
        type: 'object', additionalProperties: false, minProperties: 1,
        properties: { topic: { type: 'string', maxLength: 500 }, planItemId: { type: 'integer', minimum: 1 } },
      },
      response: { 200: lessonSchema, ...responses },
    },
  }, async (request) => journal.setTopic(request.principal, request.params.id, request.body));

  app.put<Id & { Body: { homework: string | null } }>('/lessons/:id/homework', {
    schema: {
      tags,
      summary: 'Set the homework; null means "no homework" and also completes the part',
      params: idParam,
      body: { type: 'object', required: ['homework'], additionalProperties: false, properties: { homework: { type: 'string', nullable: true, maxLength: 2000 } } },
      response: { 200: lessonSchema, ...responses },
    },
  }, async (request) => journal.setHomework(request.principal, request.params.id, request.body.homework));

  app.post<Id & { Body: { grades: GradeInput[] } }>('/lessons/:id/grades', {
    schema: {
      tags,
      summary: 'Add grades on a lesson (dated with the lesson date)',
      params: idParam,
      body: {
        type: 'object', required: ['grades'], additionalProperties: false,
        properties: {
          grades: {
            type: 'array', minItems: 1, maxItems: 200,
            items: {
              type: 'object', required: ['studentId', 'value'], additionalProperties: false,
              properties: { studentId: { type: 'integer' }, value: { type: 'string' }, kind: gradeKind, term: { type: 'integer', nullable: true }, comment: { type: 'string', nullable: true } },
            },
          },
        },
      },
      response: { 201: { type: 'object', properties: { grades: { type: 'array', items: gradeSchema } } }, ...responses },
    },
  }, async (request, reply) => reply.status(201).send({ grades: await journal.addGrades(request.principal, request.params.id, request.body.grades) }));

  app.delete<Id>('/grades/:id', {
    schema: { tags, summary: 'Remove a grade (kept in the audit log)', params: idParam, response: { 200: gradeSchema, ...responses } },
  }, async (request) => journal.removeGrade(request.principal, request.params.id));

  app.post<{ Body: { items: ImportGradeItem[] } }>('/grades/batch', {
    schema: {
      tags,
      summary: 'Grades from the school\'s main journal, idempotent by externalId; all items are checked before anything is saved',
      body: {
        type: 'object', required: ['items'], additionalProperties: false,
        properties: { items: { type: 'array', minItems: 1, maxItems: 5000, items: importItem } },
      },
      response: {
        200: { type: 'object', properties: { created: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' } } },
        ...responses,
      },
    },
  }, async (request) => journal.importGrades(request.principal, request.body.items));
}
