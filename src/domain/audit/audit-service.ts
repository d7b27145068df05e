import type { UnitOfWork } from '../ports.js';
import { instantAt, addLocalDays, isLocalDate } from '../shared/dates.js';
import { NotFoundError, ValidationError, type ErrorDetail } from '../shared/errors.js';
import { assertSchoolAdmin, sameSchool, type Principal } from '../shared/principal.js';
import type { AuditRecord } from './types.js';

export const MAX_AUDIT_LIMIT = 1000;

export interface AuditQuery {
  entity?: string;
  entityId?: string;
  /** A local date (from its midnight in the school's timezone) or an ISO instant; inclusive. */
  from?: string;
  /** A local date (inclusive: up to the next midnight) or an ISO instant (exclusive). */
  to?: string;
  /** 1..1000, default 100. */
  limit?: number;
}

/**
 * The audit log: who changed what (`actorId`, null for the API key and the system), through
 * what (`via`: bot, api, system), when, and the values before and after. Newest first. For the
 * school's API key and administration; another school is reported missing.
 */
export interface AuditService {
  list(principal: Principal, schoolId: number, query: AuditQuery): Promise<AuditRecord[]>;
}

export function createAuditService(deps: { uow: UnitOfWork }): AuditService {
  const { uow } = deps;
  return {
    async list(principal, schoolId, query) {
      if (!sameSchool(principal, schoolId)) throw new NotFoundError('School', schoolId);
      assertSchoolAdmin(principal, schoolId);
      const school = await uow.repos.schools.findById(schoolId);
      if (!school) throw new NotFoundError('School', schoolId);
      const details: ErrorDetail[] = [];
      const instant = (field: 'from' | 'to', value: string | undefined): Date | undefined => {
        if (value === undefined || value === '') return undefined;
        if (isLocalDate(value)) return instantAt(field === 'to' ? addLocalDays(value, 1) : value, '00:00', school.timezone);
        const d = new Date(value);
        if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(d.getTime()))
          details.push({ path: field, message: 'must be a date YYYY-MM-DD or an ISO 8601 instant' });
        return d;
      };
      const from = instant('from', query.from);
      const to = instant('to', query.to);
      const limit = query.limit ?? 100;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_LIMIT)
        details.push({ path: 'limit', message: `must be 1..${MAX_AUDIT_LIMIT}` });
      if (query.entityId !== undefined && query.entity === undefined) details.push({ path: 'entityId', message: 'needs entity' });
      if (details.length) throw new ValidationError('Invalid audit query', details);
      return uow.repos.audit.list({ schoolId, entity: query.entity, entityId: query.entityId, from, to, limit });
    },
  };
}
