import type { AccessRepository } from '../../../domain/access/types.js';
import type { Executor } from '../../client.js';
import { createPeopleQueries } from './people-queries.js';
import { createInviteQueries } from './invite-queries.js';
import { createMaxQueries } from './max-queries.js';
import { createStudentQueries } from './student-queries.js';
import { createTelegramQueries } from './telegram-queries.js';

export function createAccessRepository(db: Executor): AccessRepository {
  return {
    ...createPeopleQueries(db),
    ...createInviteQueries(db),
    ...createTelegramQueries(db),
    ...createMaxQueries(db),
    ...createStudentQueries(db),
  };
}
