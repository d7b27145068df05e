/** A head of department's «Контроль»: what they see when no department names them head. */
export const deptRu = {
  'dept.none': 'Вы не указаны руководителем ни одного методического объединения. Попросите администратора школы добавить вас в список МО.',
};
