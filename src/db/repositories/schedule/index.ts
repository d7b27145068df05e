import type { ScheduleRepository } from '../../../domain/schedule/types.js';
import type { Executor } from '../../client.js';
import { courseQueries } from './courses.js';
import { lessonQueries } from './lessons.js';
import { planQueries } from './plan.js';

export function createScheduleRepository(db: Executor): ScheduleRepository {
  return { ...courseQueries(db), ...lessonQueries(db), ...planQueries(db) };
}
