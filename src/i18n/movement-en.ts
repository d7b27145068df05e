import type { Messages } from './ru.js';
import type { movementRu } from './movement-ru.js';

export const movementEn: Pick<Messages, keyof typeof movementRu> = {
  'children.allLeft':
    'Your children are no longer on the rolls of this school: they have left or graduated. The bot no longer sends notices about them or shows their data. If a child has come back to the school, please contact the class teacher.',
};
