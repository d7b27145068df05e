import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { ScheduleRepository } from '../../../domain/schedule/types.js';
import type { Executor } from '../../client.js';
import { planItems } from '../../schema/index.js';

type PlanQueries = Pick<ScheduleRepository, 'planItems' | 'savePlan'>;

export function planQueries(db: Executor): PlanQueries {
  return {
    async planItems(courseId) {
      return db
        .select({
          id: planItems.id,
          courseId: planItems.courseId,
          position: planItems.position,
          topic: planItems.topic,
          hours: planItems.hours,
          workType: planItems.workType,
          // Written out in full: drizzle leaves columns of a one-table select unqualified, which would bind to lessons.
          usedBy: sql<number>`(select count(*) from lessons as l where l.plan_item_id = "plan_items"."id")::int`,
        })
        .from(planItems)
        .where(eq(planItems.courseId, courseId))
        .orderBy(asc(planItems.position));
    },
    async savePlan(courseId, changes) {
      if (changes.deleteIds.length) await db.delete(planItems).where(inArray(planItems.id, changes.deleteIds));
      if (changes.updates.length) {
        // Positions are unique per course and checked row by row: park every row on a
        // negative position first so that the final numbering never meets an old one.
        await db
          .update(planItems)
          .set({ position: sql`-${planItems.id}` })
          .where(eq(planItems.courseId, courseId));
        await db.execute(sql`
          update ${planItems} set position = v.position, topic = v.topic, hours = v.hours, work_type = v.work_type
          from jsonb_to_recordset(${JSON.stringify(changes.updates.map(({ workType, ...u }) => ({ ...u, work_type: workType })))}::jsonb) as v(id int, position int, topic text, hours int, work_type text)
          where ${planItems.id} = v.id and ${planItems.courseId} = ${courseId}`);
      }
      for (let i = 0; i < changes.inserts.length; i += 1000) {
        await db.insert(planItems).values(changes.inserts.slice(i, i + 1000).map((item) => ({ courseId, ...item })));
      }
    },
  };
}
