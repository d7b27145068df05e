import { sql } from 'drizzle-orm';
import { groups } from '../schema/index.js';

/**
 * A group's name as people read it, in SQL over the groups row under `alias`: a subgroup is
 * named with its class, «7А (гр. 1)», so a teacher of one half of a class sees which half.
 */
export const groupLabelText = (alias: string) =>
  `coalesce((select cls.name || ' (' || ${alias}.name || ')' from groups cls where cls.id = ${alias}.parent_group_id), ${alias}.name)`;

/**
 * A group's grade level in SQL over the groups row under `alias`: a subgroup has the level of its
 * class, so its study periods, final-grade windows and reports are the class's.
 */
export const groupLevelText = (alias: string) =>
  `coalesce(${alias}.grade_level, (select cls.grade_level from groups cls where cls.id = ${alias}.parent_group_id))`;

/** The same over the groups table of a drizzle query without an alias. */
export const groupLabel = sql<string>`coalesce((select cls.name || ' (' || ${groups.name} || ')' from groups cls where cls.id = ${groups.parentGroupId}), ${groups.name})`;
