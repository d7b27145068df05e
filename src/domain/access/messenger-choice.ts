import { NotFoundError, ValidationError } from '../shared/errors.js';
import type { UnitOfWork } from '../ports.js';
import { MESSENGERS, type Messenger, type MessengerChoice, type MessengerLinks } from './types.js';

/**
 * The messenger linked last: MAX when its link is newer than Telegram's (or Telegram's date is
 * unknown), else Telegram if linked. Notices go there unless the person chose otherwise.
 */
export function lastLinked(links: { telegramLinked: boolean; telegramLinkedAt: Date | null; maxLinkedAt: Date | null }): Messenger | null {
  const { telegramLinked, telegramLinkedAt, maxLinkedAt } = links;
  if (maxLinkedAt && (!telegramLinked || telegramLinkedAt === null || maxLinkedAt > telegramLinkedAt)) return 'max';
  return telegramLinked ? 'telegram' : null;
}

/** The preferred messenger if linked in it, else the one linked last (the rule delivery follows too). */
export function choiceOf(links: MessengerLinks): MessengerChoice {
  const linked: Messenger[] = [];
  if (links.telegramLinked) linked.push('telegram');
  if (links.maxLinkedAt) linked.push('max');
  const effective = links.preferred && linked.includes(links.preferred) ? links.preferred : lastLinked(links);
  return { linked, preferred: links.preferred, effective };
}

/** Where notices go for a person linked in both messengers: read and chosen in settings. */
export function createMessengerChoice(uow: UnitOfWork) {
  return {
    /** The messengers the user is linked in, the one chosen in settings and the one notices go to first. */
    async messengerChoice(userId: number): Promise<MessengerChoice> {
      const links = await uow.repos.access.messengerLinks(userId);
      if (!links) throw new NotFoundError('User', userId);
      return choiceOf(links);
    },
    /** The settings screen's choice of where notices go, for a person linked in that messenger. Audited. */
    async setPreferredMessenger(userId: number, messenger: Messenger): Promise<MessengerChoice> {
      if (!MESSENGERS.includes(messenger))
        throw new ValidationError('Unknown messenger', [{ path: 'messenger', message: 'must be telegram or max' }]);
      return uow.transaction(async (repos) => {
        const links = await repos.access.messengerLinks(userId);
        if (!links) throw new NotFoundError('User', userId);
        const before = choiceOf(links);
        if (!before.linked.includes(messenger))
          throw new ValidationError('Not linked in this messenger', [{ path: 'messenger', message: `is not linked in ${messenger}` }]);
        if (before.preferred === messenger) return before;
        await repos.access.setPreferredMessenger(userId, messenger);
        await repos.audit.record([
          {
            schoolId: links.schoolId,
            actorId: userId,
            via: 'bot',
            entity: 'user',
            entityId: userId,
            action: 'preferred_messenger_set',
            before: { preferred: before.preferred },
            after: { preferred: messenger },
          },
        ]);
        return choiceOf({ ...links, preferred: messenger });
      });
    },
  };
}
