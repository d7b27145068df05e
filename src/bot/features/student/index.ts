import type { Composer } from 'grammy';
import type { BotContext } from '../../context.js';
import type { AfterLink, BotFamily } from '../../deps.js';
import { parentAfterLink } from '../parent/consent.js';
import { studentAfterLink, studentConsentFeature } from './consent.js';
import { studentScreensFeature } from './screens.js';

/** The student's screens and their consent step (docs/roles.md, Student). */
export function studentFeatures(deps: { family: BotFamily }): Composer<BotContext>[] {
  return [studentConsentFeature(deps.family), studentScreensFeature(deps.family)];
}

/** After linking: the parent's consent text, else a student's (their own from 14). */
export function familyAfterLink(family: BotFamily): AfterLink {
  const parent = parentAfterLink(family);
  const student = studentAfterLink(family);
  return async (linked) => (await parent(linked)) ?? (await student(linked));
}
