import type { Config } from './config.js';
import type { Clock } from './domain/shared/clock.js';
import type { Services } from './services.js';
import type { Messenger } from './bot/index.js';
import { parentFeatures, settingsScreen } from './bot/features/parent/index.js';
import { messengerFeature } from './bot/features/messenger.js';
import { familyAfterLink, studentFeatures } from './bot/features/student/index.js';
import { teacherFeatures, teacherStatelessFeatures } from './bot/features/teacher/index.js';
import { deputyFeatures } from './bot/features/deputy/index.js';
import { teacherReportsFeature } from './bot/features/teacher-reports/index.js';
import { ktpUploadFeature } from './bot/features/ktp-upload/index.js';
import { classDocsFeature } from './bot/features/class-docs/index.js';
import { classTeacherFeature } from './bot/features/class-teacher/index.js';
import { downloadCapped, downloadTelegramFile } from './telegram/index.js';
import { telegramTargetOf } from './bot-runtime.js';

/**
 * The bot's flows, written once: the same feature composers serve the Telegram bot and the
 * MAX bot (src/max/carrier carries them). Only where a person's file is fetched from differs.
 */
export function botFeatures(services: Services, config: Config, clock: Clock, messenger: Messenger) {
  return [
    // The teacher features come first: their open questions must see a button press before anyone else.
    ...teacherFeatures({ journal: services.journal, schools: services.schools, clock, classFlags: services.classFlags }),
    teacherReportsFeature({ courseReports: services.courseReports, clock }),
    ktpUploadFeature({
      plans: services.planUpload,
      // A file sent in MAX comes with its own address (src/max/carrier/updates.ts).
      download: (filePath, maxBytes) =>
        messenger === 'max' ? downloadCapped(filePath, maxBytes) : downloadTelegramFile(telegramTargetOf(config), filePath, maxBytes),
    }),
    ...deputyFeatures({ compliance: services.compliance, reports: services.reports, roster: services.roster, clock }),
    ...parentFeatures({ family: services.family, messengers: services.access }),
    messengerFeature({ access: services.access, settings: settingsScreen(services.family, services.access) }),
    classDocsFeature({ codes: services.classCodes, documents: services.classDocuments, family: services.family, clock }),
    classTeacherFeature({ family: services.family, classJournal: services.classJournal }),
    ...studentFeatures({ family: services.family }),
  ];
}

/** What the bot of either messenger installs beside the features. */
export function botExtras(services: Services) {
  return { stateless: teacherStatelessFeatures(), afterLink: familyAfterLink(services.family) };
}
