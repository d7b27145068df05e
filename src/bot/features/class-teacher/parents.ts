import type { ClassOverview, ClassParent } from '../../../domain/family/types.js';
import { escapeHtml as e, type Translate } from '../../../i18n/index.js';
import { backToMenu } from './menu-keyboard.js';
import { paged, type Screen } from './pages.js';

/** Reachable in a messenger: linked there and not blocked. */
const inTelegram = (p: ClassParent) => p.telegramLinked && !p.telegramBlocked;
const inMax = (p: ClassParent) => p.maxLinked && !p.maxBlocked;
const reachable = (p: ClassParent) => inTelegram(p) || inMax(p);

function parentLine(t: Translate, p: ClassParent): string {
  const tg = inTelegram(p);
  const max = inMax(p);
  let reach: string;
  if (tg && max) reach = t('reach.parent.both');
  else if (tg || max) {
    reach = tg ? t('class.parent.linked') : t('reach.parent.max');
    // Blocked in the other one: still reachable, but the class teacher sees why only one.
    if (tg && p.maxBlocked) reach += `, ${t('reach.parent.blockedIn', { messenger: 'MAX' })}`;
    if (max && p.telegramBlocked) reach += `, ${t('reach.parent.blockedIn', { messenger: 'Telegram' })}`;
  } else if (p.telegramBlocked || p.maxBlocked) reach = p.hasEmail ? t('class.parent.blocked') : t('class.parent.blockedNoEmail');
  else reach = t('class.parent.notLinked');
  const linked = p.telegramLinked || p.maxLinked;
  return `${e(p.name)}: ${reach}${linked && !p.consent ? `, ${t('class.parent.noConsent')}` : ''}`;
}

/**
 * «Родители»: which parents are reachable and where (Telegram, MAX or both), and who blocked the
 * bot in every messenger they are linked in (they get e-mail). `linked`: students with a
 * reachable parent; `blocked`: parents reachable in no messenger because they blocked the bot.
 */
export function renderOverview(t: Translate, o: ClassOverview): Screen {
  const linked = o.students.filter((s) => s.parents.some(reachable)).length;
  const blocked = o.students.flatMap((s) => s.parents).filter((p) => !reachable(p) && (p.telegramBlocked || p.maxBlocked)).length;
  const lines = o.students.map((s, i) => {
    const parents = s.parents.length ? s.parents.map((p) => parentLine(t, p)).join('; ') : t('class.noParent');
    return `${i + 1}. <b>${e(`${s.lastName} ${s.firstName}`)}</b> — ${parents}`;
  });
  return paged(
    t,
    [t('class.title', { group: o.group.name, n: o.students.length, linked, blocked }), '', ...lines],
    [[backToMenu(t, o.group.id)]],
  );
}
