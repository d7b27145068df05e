import { randomBytes } from 'node:crypto';
import type { UnitOfWork } from '../ports.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ValidationError } from '../shared/errors.js';
import type { KeyValueStore } from '../shared/key-value-store.js';
import type { Principal } from '../shared/principal.js';
import { readPlanFile, type PlanFile, type SpreadsheetReader } from './plan-file.js';
import type { PlanPreview } from './plan-preview.js';
import type { PlanItemInput } from './plan.js';
import type { ScheduleService } from './schedule-service.js';

/** How long a request for a file, and a dry run waiting for «Применить», stay valid. */
export const PLAN_UPLOAD_TTL_MS = 60 * 60 * 1000;

export type PlanUploadProblem = 'not_asked' | 'stale' | 'expired' | 'changed';

/** The teacher's upload is not (or no longer) in the state the step needs. */
export class PlanUploadError extends DomainError {
  constructor(
    readonly reason: PlanUploadProblem,
    message: string,
  ) {
    super(reason === 'not_asked' ? 'conflict' : 'gone', message);
  }
}

export interface TeacherCourse {
  id: number;
  subject: string;
  groupName: string;
}

export type PlanDryRun = PlanPreview & { token: string };

/**
 * Kept in the durable key-value store (PostgreSQL, beside the bot's conversations) under the
 * chat, so any process may take the next step and a restart loses nothing.
 */
type UploadState = { userId: number; courseId: number; at: string } & (
  | { stage: 'awaiting' }
  | { stage: 'pending'; token: string; basis: string; items: PlanItemInput[] }
);

export interface PlanUploadDeps {
  schedule: Pick<ScheduleService, 'previewPlan' | 'importPlan' | 'planBasis'>;
  uow: UnitOfWork;
  store: KeyValueStore;
  clock: Clock;
  sheets: SpreadsheetReader;
}

const keyOf = (chatKey: string) => `plan-upload:${chatKey}`;
const userIdOf = (p: Principal) => (p.kind === 'user' ? p.userId : null);

/**
 * A teacher loads their own КТП from a file in the bot: asked for a course, they send a
 * CSV or XLSX, see a dry run, and confirm. Authorization and the rules are the schedule
 * service's (the course's teacher or the administration, the same import as the API).
 */
export function createPlanUploadService(deps: PlanUploadDeps) {
  const read = async (chatKey: string, principal: Principal): Promise<UploadState | null> => {
    const state = (await deps.store.read(keyOf(chatKey))) as UploadState | undefined;
    return state && state.userId === userIdOf(principal) ? state : null;
  };
  const fresh = (state: UploadState) => deps.clock.now().getTime() - Date.parse(state.at) < PLAN_UPLOAD_TTL_MS;
  const write = (chatKey: string, state: UploadState) => deps.store.write(keyOf(chatKey), state);

  return {
    /** The courses the principal teaches, to pick the one whose plan they load. */
    async teacherCourses(principal: Principal): Promise<TeacherCourse[]> {
      if (principal.kind !== 'user') return [];
      const rows = await deps.uow.repos.schedule.teacherCourses(principal.schoolId, principal.userId);
      return rows.map(({ id, subject, groupName }) => ({ id, subject, groupName }));
    },

    /** Checks that the principal may load this course's plan and waits for the file in this chat. */
    async askForFile(principal: Principal, chatKey: string, courseId: number): Promise<void> {
      await deps.schedule.planBasis(principal, { courseId });
      const userId = userIdOf(principal);
      if (userId === null) throw new PlanUploadError('not_asked', 'Only a person sends a file');
      await write(chatKey, { stage: 'awaiting', userId, courseId, at: deps.clock.now().toISOString() });
    },

    /**
     * A file arrived: the course it is for when one was asked for (and not long ago), else null.
     * Any new file makes an earlier dry run stale, even one refused before it is read (too large).
     */
    async receiveFile(principal: Principal, chatKey: string): Promise<number | null> {
      const state = await read(chatKey, principal);
      if (!state || !fresh(state)) return null;
      if (state.stage === 'pending')
        await write(chatKey, { stage: 'awaiting', userId: state.userId, courseId: state.courseId, at: state.at });
      return state.courseId;
    },

    /**
     * Reads the file and computes what loading it would change; the dry run waits for «Применить».
     * A file with broken rows leaves the request open for a corrected one.
     */
    async dryRun(principal: Principal, chatKey: string, file: PlanFile): Promise<PlanDryRun> {
      const state = await read(chatKey, principal);
      if (!state || !fresh(state)) throw new PlanUploadError('not_asked', 'No plan file was asked for');
      const items = await readPlanFile(file, deps.sheets);
      const preview = await deps.schedule.previewPlan(principal, { courseId: state.courseId }, items).catch((err) => {
        throw err instanceof ValidationError ? atFileRows(err, items) : err;
      });
      const token = randomBytes(6).toString('base64url');
      const at = deps.clock.now().toISOString();
      await write(chatKey, { stage: 'pending', userId: state.userId, courseId: state.courseId, token, basis: preview.basis, items, at });
      return { ...preview, token };
    },

    /** Loads the dry run's plan (replacing, as the API with replace=true) when it is the latest one and still fits. */
    async apply(principal: Principal, chatKey: string, courseId: number, token: string) {
      const state = await pendingOf(chatKey, principal, courseId, token);
      if ((await deps.schedule.planBasis(principal, { courseId })) !== state.basis)
        throw new PlanUploadError('changed', 'The plan changed since the dry run');
      const report = await deps.schedule.importPlan(principal, { courseId }, state.items, { replace: true });
      await deps.store.delete(keyOf(chatKey));
      return report;
    },

    async cancel(principal: Principal, chatKey: string, courseId: number, token: string): Promise<void> {
      await pendingOf(chatKey, principal, courseId, token);
      await deps.store.delete(keyOf(chatKey));
    },
  };

  async function pendingOf(chatKey: string, principal: Principal, courseId: number, token: string) {
    const state = await read(chatKey, principal);
    if (state?.stage !== 'pending' || state.courseId !== courseId || state.token !== token)
      throw new PlanUploadError('stale', 'Not the latest dry run');
    if (!fresh(state)) throw new PlanUploadError('expired', 'The dry run expired');
    return state;
  }
}

export type PlanUploadService = ReturnType<typeof createPlanUploadService>;

/** Problems of `items[3].hours` named by the file's row the item came from, which the teacher sees. */
function atFileRows(err: ValidationError, items: PlanItemInput[]): ValidationError {
  for (const d of err.details) {
    const m = /^items\[(\d+)\]\.(\w+)$/.exec(d.path ?? '');
    if (!m) continue;
    const index = Number(m[1]);
    d.row = items[index]?.line ?? index + 1;
    d.field = m[2];
  }
  return err;
}
