import { pluralRu } from './format.js';

/** Texts of the parent's and the class teacher's screens (Russian, the reference). */
export const parentRu = {
  'menu.myClass': 'Мой класс',
  'command.settings': 'Настройки уведомлений',
  'command.privacy': 'Мои данные и согласие',
  'command.logout': 'Отвязать этот аккаунт Telegram',
  'consent.text': (p: { version: string }) =>
    `<b>Согласие на обработку персональных данных</b> (редакция ${p.version})\n\n` +
    'Я, родитель (законный представитель), даю школе согласие на обработку персональных данных моего ребёнка и моих: ' +
    'ФИО, класс, посещаемость, отметки, темы уроков и домашние задания, мой адрес e-mail и идентификатор Telegram — ' +
    'чтобы получать в этом боте сведения о посещаемости и успеваемости ребёнка и уведомления о пропусках и отметках ' +
    '(Федеральный закон № 152-ФЗ «О персональных данных»).\n\n' +
    'Данные хранятся в школе и передаются только для доставки сообщений (Telegram, электронная почта). ' +
    'Согласие действует до его отзыва. Отозвать согласие можно в любой момент командой /privacy: уведомления прекратятся, данные ребёнка перестанут показываться.\n\n' +
    'Без согласия бот не показывает и не присылает данные ребёнка.',
  'consent.accept': 'Даю согласие',
  'consent.decline': 'Не сейчас',
  'consent.accepted':
    'Спасибо! Согласие записано. Теперь вы будете получать уведомления, а в разделе «Мои дети» — видеть посещаемость, отметки и задания.',
  'consent.declined':
    'Хорошо. Пока согласия нет, данные ребёнка не показываются и уведомления не приходят. Дать согласие можно в любой момент: /privacy.',
  'consent.required': 'Чтобы видеть данные ребёнка и получать уведомления, нужно согласие на обработку персональных данных.',
  'children.none': 'К вашей учётной записи пока не привязаны дети. Обратитесь к классному руководителю.',
  'children.title': (p: { n: number }) => `<b>Мои дети</b> (${p.n} ${pluralRu(p.n, ['ребёнок', 'ребёнка', 'детей'])})`,
  'children.line': (p: { name: string; groups: string; school: string }) =>
    `• <b>${p.name}</b>${p.groups ? `, ${p.groups}` : ''} — ${p.school}`,
  'children.today': (p: { name: string }) => `${p.name}: сегодня`,
  'children.week': 'неделя',
  'children.settings': '⚙ Настройки уведомлений',
  'children.back': '← Мои дети',
  'view.day': (p: { name: string; day: string }) => `<b>${p.name}</b> — ${p.day}`,
  'view.week': (p: { name: string; from: string; to: string }) => `<b>${p.name}</b> — неделя ${p.from} – ${p.to}`,
  'view.noLessons': 'Уроков нет.',
  'view.emptyWeek': 'На этой неделе уроков и отметок нет.',
  'view.topic': (p: { topic: string }) => `Тема: ${p.topic}`,
  'view.homework': (p: { homework: string }) => `Д/з: ${p.homework}`,
  'view.grades': (p: { values: string }) => `Отметки: <b>${p.values}</b>`,
  'view.cancelled': 'урок отменён',
  'view.otherGrades': (p: { values: string }) => `Итоговые отметки: ${p.values}`,
  'view.explained': (p: { answer: string }) => `ваш ответ: ${p.answer}`,
  'view.absences': (p: { n: number }) => `Пропущено: ${p.n} ${pluralRu(p.n, ['урок', 'урока', 'уроков'])}`,
  'view.truncated': '… (сообщение сокращено)',
  'att.present': 'присутствовал(а)',
  'att.absent': 'н — отсутствовал(а)',
  'att.sick': 'б — болезнь',
  'att.excused': 'у — уважительная причина',
  'att.late': 'оп — опоздание',
  'answer.sick': 'болеет',
  'answer.excused': 'уважительная причина',
  'answer.unknown': 'не знаю',
  'absence.saved': (p: { answer: string; n: number }) =>
    `Ответ «${p.answer}» записан к ${p.n} ${pluralRu(p.n, ['уроку', 'урокам', 'урокам'])} и передан классному руководителю. Спасибо!`,
  'absence.same': 'Этот ответ уже записан.',
  'absence.stale': 'Этот ответ уже нельзя принять: отметки за этот день изменились или недоступны.',
  'settings.title': (p: { absences: string; grades: string; quiet: string; email: string; language: string }) =>
    `<b>Настройки уведомлений</b>\n\nПропуски: ${p.absences}\nОтметки: ${p.grades}\nТихие часы: ${p.quiet}\nПисьма, если Telegram недоступен: ${p.email}\nЯзык: ${p.language}\n\nВремя — по часовому поясу школы.`,
  'settings.absences.realtime': 'сразу',
  'settings.absences.digest': (p: { time: string }) => `в сводке в ${p.time}`,
  'settings.grades.realtime': 'сразу',
  'settings.grades.digest': (p: { time: string }) => `сводка за день в ${p.time}`,
  'settings.grades.off': 'не присылать',
  'settings.on': 'да',
  'settings.off': 'нет',
  'settings.language': 'русский',
  'settings.btn.absences': 'Пропуски: сразу / в сводке',
  'settings.btn.grades': 'Отметки: сразу / сводка / нет',
  'settings.btn.digest': 'Время сводки',
  'settings.btn.quiet': 'Тихие часы',
  'settings.btn.email': 'Письма: вкл / выкл',
  'settings.btn.language': 'Язык / Language',
  'settings.chooseDigest': 'Во сколько присылать сводку?',
  'settings.chooseQuiet': 'Когда не беспокоить (кроме сегодняшних пропусков)?',
  'settings.saved': 'Сохранено.',
  'privacy.title': (p: { name: string; email: string; phone: string; telegram: string; max: string; children: string; consent: string }) =>
    `<b>Что о вас хранится</b>\n\nФИО: ${p.name}\nE-mail: ${p.email}\nТелефон: ${p.phone}\nTelegram: ${p.telegram}\nMAX: ${p.max}\nДети: ${p.children}\n\nСогласие на обработку данных: ${p.consent}`,
  'privacy.none': 'нет',
  'privacy.linked': 'подключён',
  'privacy.hidden': 'скрыты (нет согласия)',
  'privacy.granted': (p: { version: string; date: string }) => `дано ${p.date} (редакция ${p.version})`,
  'privacy.withdrawn': (p: { date: string }) => `отозвано ${p.date}`,
  'privacy.never': 'не давалось',
  'privacy.withdraw': 'Отозвать согласие',
  'privacy.grant': 'Дать согласие',
  'privacy.confirm':
    'Отозвать согласие? Уведомления прекратятся, данные ребёнка перестанут показываться. Дать согласие снова можно в любой момент.',
  'privacy.confirmYes': 'Да, отозвать',
  'privacy.cancel': 'Отмена',
  'privacy.done': 'Согласие отозвано. Уведомления больше не приходят, данные детей не показываются. Вернуть: /privacy.',
  'privacy.notParent': 'Эта команда — для родителей и учеников.',
  'class.none': 'Вы не классный руководитель ни одного класса.',
  'class.choose': 'Выберите класс:',
  'class.title': (p: { group: string; n: number; linked: number; blocked: number }) =>
    `<b>${p.group}</b>: ${p.n} ${pluralRu(p.n, ['ученик', 'ученика', 'учеников'])}, родители подключены у ${p.linked}` +
    (p.blocked ? `, заблокировали бота: ${p.blocked}` : ''),
  'class.noParent': 'нет родителя в системе',
  'class.parent.linked': 'Telegram ✅',
  'class.parent.notLinked': 'не подключён',
  'class.parent.blocked': 'заблокировал бота — получает письма',
  'class.parent.blockedNoEmail': 'заблокировал бота, e-mail нет — не получает уведомления',
  'class.parent.noConsent': 'нет согласия',
} as const;
