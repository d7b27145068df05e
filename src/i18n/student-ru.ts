/** Texts of the student's screens (Russian, the reference). */
export const studentRu = {
  'privacy.titleStudent': (p: {
    name: string;
    email: string;
    phone: string;
    telegram: string;
    max: string;
    children: string;
    consent: string;
  }) =>
    `<b>Что о вас хранится</b>\n\nФИО: ${p.name}\nE-mail: ${p.email}\nТелефон: ${p.phone}\nTelegram: ${p.telegram}\nMAX: ${p.max}\n\nСогласие на обработку данных: ${p.consent}`,
  'privacy.doneStudent': 'Согласие отозвано. Бот больше не показывает ваши уроки и оценки и не присылает уведомления. Вернуть: /privacy.',
  'menu.studentToday': 'Уроки сегодня',
  'menu.studentTomorrow': 'Уроки завтра',
  'menu.studentWeek': 'Неделя',
  'menu.studentGrades': 'Оценки',
  'menu.settings': 'Настройки',
  'view.room': (p: { room: string }) => `(каб. ${p.room})`,
  'code.needsGuardian':
    'Ученику младше 14 лет доступ открывается только после согласия родителя на обработку персональных данных. ' +
    'Попросите родителя подтвердить согласие в этом боте (/privacy), затем отправьте этот же код ещё раз — он не пропал.',
  'student.needGuardian':
    'Пока родитель не подтвердил согласие на обработку персональных данных, бот не может показывать ваши уроки и отметки. ' +
    'Попросите родителя подтвердить согласие в этом боте.',
  'student.consentLead': 'Вам исполнилось 14 лет: согласие на обработку своих персональных данных вы даёте сами.',
  'student.consentAccepted':
    'Спасибо! Согласие записано. Теперь вам доступны уроки, задания и отметки, и будут приходить уведомления об отметках.',
  'student.consentDeclined':
    'Хорошо. Пока согласия нет, бот не показывает ваши уроки и отметки. Дать согласие можно в любой момент: откройте любой раздел меню.',
  'student.gone': 'Это недоступно: можно смотреть только свои уроки и отметки.',
  'student.weekPrev': '‹ Пред. неделя',
  'student.weekNext': 'След. неделя ›',
  'student.grades': '📊 Оценки за период',
};
