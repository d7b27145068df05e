import type { Clock } from '../shared/clock.js';
import { NotFoundError, UnauthorizedError, ValidationError } from '../shared/errors.js';
import { isTimeZone } from '../shared/dates.js';
import { actorIdOf, assertSchoolAdmin, sameSchool, viaOf, type Principal } from '../shared/principal.js';
import { randomCode, sha256 } from '../shared/secrets.js';
import type { UnitOfWork } from '../ports.js';
import { resolvePolicy, validatePolicyPatch, type SchoolPolicy } from './policy.js';
import type { School } from './types.js';
import { cleanTypedText } from '../shared/text.js';

const KEY_ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export interface SchoolServiceDeps {
  uow: UnitOfWork;
  clock: Clock;
}

export function createSchoolService({ uow, clock }: SchoolServiceDeps) {
  async function issueKey(schoolId: number, name: string, repos = uow.repos) {
    const key = `sjk_${randomCode(40, KEY_ALPHABET)}`;
    const record = await repos.schools.addApiKey({ schoolId, name, prefix: key.slice(0, 8), keyHash: sha256(key) });
    return { id: record.id, key };
  }

  return {
    /** Creates a school with its first API key; only an operator (system) does this. */
    async create(principal: Principal, input: { name: string; timezone: string }) {
      if (principal.kind !== 'system') throw new UnauthorizedError('Only an operator can create a school');
      const name = cleanTypedText(input.name);
      const details = [];
      if (!name || name.length > 300) details.push({ path: 'name', message: 'must be 1 to 300 characters' });
      if (!isTimeZone(input.timezone)) details.push({ path: 'timezone', message: 'must be an IANA time zone such as Europe/Moscow' });
      if (details.length) throw new ValidationError('The school cannot be created', details);
      return uow.transaction(async (repos) => {
        const school = await repos.schools.create({ name, timezone: input.timezone });
        const { key } = await issueKey(school.id, 'initial', repos);
        await repos.audit.record([
          {
            schoolId: school.id,
            actorId: null,
            via: 'system',
            entity: 'school',
            entityId: school.id,
            action: 'create',
            after: { name, timezone: input.timezone },
          },
        ]);
        return { school, apiKey: key };
      });
    },

    /** How many schools the installation serves (operators only: the demo seed asks it). */
    async count(principal: Principal): Promise<number> {
      if (principal.kind !== 'system') throw new UnauthorizedError('Only an operator can count schools');
      return uow.repos.schools.count();
    },

    async get(principal: Principal, schoolId: number): Promise<School> {
      const school = sameSchool(principal, schoolId) ? await uow.repos.schools.findById(schoolId) : null;
      if (!school) throw new NotFoundError('School', schoolId);
      return school;
    },

    async updatePolicy(principal: Principal, schoolId: number, patch: Record<string, unknown>): Promise<SchoolPolicy> {
      const school = await this.get(principal, schoolId);
      assertSchoolAdmin(principal, schoolId);
      const valid = validatePolicyPatch(patch);
      return uow.transaction(async (repos) => {
        const stored = await repos.schools.storedPolicy(schoolId);
        const next = { ...stored, ...valid };
        await repos.schools.savePolicy(schoolId, next);
        await repos.audit.record([
          {
            schoolId,
            actorId: actorIdOf(principal),
            via: viaOf(principal),
            entity: 'school_policy',
            entityId: school.id,
            action: 'update',
            before: stored,
            after: next,
          },
        ]);
        return resolvePolicy(next);
      });
    },

    async createApiKey(principal: Principal, schoolId: number, name: string) {
      await this.get(principal, schoolId);
      assertSchoolAdmin(principal, schoolId);
      return issueKey(schoolId, name);
    },

    /** Resolves an API key to the principal it stands for. */
    async authenticate(key: string): Promise<Principal> {
      const record = key ? await uow.repos.schools.findApiKeyByHash(sha256(key)) : null;
      if (!record || record.revokedAt) throw new UnauthorizedError();
      await uow.repos.schools.touchApiKey(record.id, clock.now());
      return { kind: 'api', schoolId: record.schoolId };
    },
  };
}

export type SchoolService = ReturnType<typeof createSchoolService>;
