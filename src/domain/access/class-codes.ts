import type { Clock } from '../shared/clock.js';
import { localDateOf, type LocalDate } from '../shared/dates.js';
import { ForbiddenError, NotFoundError } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import type { UnitOfWork } from '../ports.js';
import type { AccessService } from './access-service.js';
import { fullName } from './codes.js';
import type { IssuedCode } from './types.js';

/** Whom a slip is for: a parent (`forWhom` their children) or a student (`forWhom` the class). */
export type SlipKind = 'parent' | 'student';

/** One cut-out slip: a person, whom they are linked through, the code and its link. */
export interface AccessSlip {
  kind: SlipKind;
  name: string;
  /** Parent: their children ('Кузнецов Иван'); student: the class. */
  forWhom: string[];
  code: string;
  /** `https://t.me/<bot>?start=<code>`; null while the bot's username is not known. */
  link: string | null;
  /** `https://max.ru/<bot>?start=<code>`; null while the MAX bot's username is not known. */
  maxLink: string | null;
  validUntil: LocalDate;
}

export interface SlipSheet {
  schoolName: string;
  groupName: string;
  slips: AccessSlip[];
}

/** Draws slips several to an A4 page, each with a QR code of its link; implemented outside the domain. */
export interface SlipRenderer {
  slipsPdf(sheet: SlipSheet): Promise<Buffer>;
}

/** A person of the class as the code screen lists them. */
export interface ClassPerson {
  userId: number;
  kind: SlipKind;
  name: string;
  forWhom: string[];
  /** Linked in Telegram, MAX or both. */
  linked: boolean;
  /** An unused, unexpired code was issued: a new one revokes it. */
  pendingCode: boolean;
}

/** Every parent linked in no messenger yet, one parent by id, or every student not linked yet. */
export type SlipTarget = { unlinked: true } | { userId: number } | { students: true };

export interface SlipsResult {
  group: { id: number; name: string };
  /** Null when nobody needed a code. */
  file: { content: Buffer; fileName: string } | null;
  slips: number;
}

export interface ClassCodesDeps {
  uow: UnitOfWork;
  clock: Clock;
  access: Pick<AccessService, 'issueForGroupParents' | 'issueStudentCodes'>;
  renderer: SlipRenderer;
}

/**
 * The class teacher's access codes (docs/access-codes.md, «Коды доступа класса»): who in the
 * class is linked in no messenger (Telegram or MAX), and a printable sheet of slips. Only the group's class teacher may
 * ask: another school's group is missing, a colleague's group is forbidden. Issuing goes through
 * the access service, so a new code revokes the person's older unused one exactly as the HTTP API does.
 */
export function createClassCodesService({ uow, clock, access, renderer }: ClassCodesDeps) {
  async function classOf(principal: Principal, groupId: number) {
    if (principal.kind !== 'user') throw new ForbiddenError('Class codes are issued by the class teacher');
    const [group, school] = await Promise.all([
      uow.repos.access.findGroup(principal.schoolId, groupId),
      uow.repos.schools.findById(principal.schoolId),
    ]);
    if (!group || !school) throw new NotFoundError('Group', groupId);
    if (group.classTeacherId !== principal.userId) throw new ForbiddenError('Only the class teacher of the group issues its codes');
    return { group: { id: group.id, name: group.name }, school, schoolId: principal.schoolId };
  }

  function slipOf(code: IssuedCode, timezone: string): AccessSlip {
    const student = code.kind === 'student';
    return {
      kind: student ? 'student' : 'parent',
      name: code.name,
      forWhom: student ? (code.className ? [code.className] : []) : code.students,
      code: code.code,
      link: code.link,
      maxLink: code.maxLink,
      validUntil: localDateOf(code.expiresAt, timezone),
    };
  }

  async function people(principal: Principal, groupId: number): Promise<{ group: { id: number; name: string }; people: ClassPerson[] }> {
    const { group, school, schoolId } = await classOf(principal, groupId);
    const now = clock.now();
    const onDate = localDateOf(now, school.timezone);
    const parents = await uow.repos.access.listUsers({ schoolId, role: 'parent', groupId, onDate, now });
    const children = await uow.repos.access.childrenNames(parents.map((p) => p.id));
    const list = parents
      .filter((p) => p.active)
      .map((p) => ({
        userId: p.id,
        kind: 'parent' as const,
        name: fullName(p),
        forWhom: children.get(p.id) ?? [],
        linked: p.telegramLinked || p.maxLinked,
        pendingCode: p.pendingCode,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
    return { group, people: list };
  }

  /** Students' codes go through the same access service, which creates their accounts on first issue. */
  function issueFor(principal: Principal, schoolId: number, groupId: number, target: SlipTarget) {
    if ('students' in target) return access.issueStudentCodes(principal, schoolId, { groupId }, { onlyUnlinked: true });
    const opts = 'userId' in target ? { userIds: [target.userId] } : { onlyUnlinked: true };
    return access.issueForGroupParents(principal, schoolId, groupId, opts);
  }

  return {
    people,

    /** Issues the codes (revoking older unused ones) and renders their slips. */
    async slips(principal: Principal, groupId: number, target: SlipTarget): Promise<SlipsResult> {
      const { group, school, schoolId } = await classOf(principal, groupId);
      const issued = await issueFor(principal, schoolId, groupId, target);
      if (!issued.codes.length) return { group, file: null, slips: 0 };
      const slips = issued.codes.map((c) => slipOf(c, school.timezone)).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
      const content = await renderer.slipsPdf({ schoolName: school.name, groupName: group.name, slips });
      const date = localDateOf(clock.now(), school.timezone);
      const fileName = `access-codes_${group.name}_${date}.pdf`.replace(/[\\/:*?"<>|\s]+/g, '-');
      return { group, file: { content, fileName }, slips: slips.length };
    },
  };
}

export type ClassCodesService = ReturnType<typeof createClassCodesService>;
