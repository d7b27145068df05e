import type { ClassOverview, ClassParent } from '../../../domain/family/types.js';
import { escapeHtml as e, type Translate } from '../../../i18n/index.js';
import { backToMenu } from './menu-keyboard.js';
import { paged, type Screen } from './pages.js';

function parentLine(t: Translate, p: ClassParent): string {
  const reach = p.telegramBlocked
    ? p.hasEmail
      ? t('class.parent.blocked')
      : t('class.parent.blockedNoEmail')
    : p.telegramLinked
      ? t('class.parent.linked')
      : t('class.parent.notLinked');
  return `${e(p.name)}: ${reach}${p.telegramLinked && !p.consent ? `, ${t('class.parent.noConsent')}` : ''}`;
}

/** «Родители»: which parents are linked, and whose Telegram is blocked (they get e-mail). */
export function renderOverview(t: Translate, o: ClassOverview): Screen {
  const linked = o.students.filter((s) => s.parents.some((p) => p.telegramLinked && !p.telegramBlocked)).length;
  const blocked = o.students.flatMap((s) => s.parents).filter((p) => p.telegramBlocked).length;
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
