import type { Messages } from './ru.js';
import type { deptRu } from './dept-ru.js';

export const deptEn: Pick<Messages, keyof typeof deptRu> = {
  'dept.none': 'You are not the head of any department. Ask the school administrator to add you to the list of departments.',
};
