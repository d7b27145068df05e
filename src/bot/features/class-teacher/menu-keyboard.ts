import type { Translate } from '../../../i18n/index.js';
import type { FollowUp } from '../../deps.js';
import { cj } from './callback-data.js';
import { cb as cd } from '../class-docs/callback-data.js';

export type Buttons = FollowUp['buttons'];

/**
 * The class menu's buttons, the one place they are listed: other features (code slips, class
 * reports) add theirs here. Messenger-neutral rows of text and callback data.
 */
export function classMenuKeyboard(t: Translate, groupId: number): Buttons {
  return [
    [
      { text: t('cj.btn.today'), data: cj.day(groupId) },
      { text: t('cj.btn.week'), data: cj.week(groupId) },
      { text: t('cj.btn.month'), data: cj.month(groupId) },
    ],
    [
      { text: t('cj.btn.grades'), data: cj.grades(groupId) },
      { text: t('cj.btn.risk'), data: cj.risk(groupId) },
    ],
    [
      { text: t('cj.btn.parents'), data: cj.parents(groupId) },
      { text: t('classdocs.btn.entry'), data: cd.menu(groupId) },
    ],
  ];
}

/** The way back to the class menu, under every screen. */
export const backToMenu = (t: Translate, groupId: number) => ({ text: t('cj.btn.menu'), data: cj.menu(groupId) });
