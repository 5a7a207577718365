import { renderCard } from '../cards/render';
import { stripInvisible, truncate } from './text';
import type { Question, QuestionChoice } from './flows';
import type { AdaptiveCard } from './turn';

/** Verb of a dialog question's buttons: the dialog runner (src/bot/dialogs) takes it, never the route table. */
export const DIALOG_ANSWER_VERB = 'dialog.answer';

/** More choices than this become a drop-down with one button, fewer a row of buttons. */
const MAX_BUTTONS = 5;
const MAX_TITLE = 60;
const TYPE_OR_CANCEL = 'Or type your answer.';
const CANCEL = 'Type **cancel** to stop.';

const shown = (choice: QuestionChoice) => ({ title: truncate(stripInvisible(choice.title), MAX_TITLE), value: choice.value });

/**
 * A question of a dialog: the text (shown verbatim: it may quote what someone typed), the choices as
 * buttons or a drop-down, and how to answer by typing. `dialog` ties the buttons to one dialog, so a
 * stale card cannot answer a newer question.
 */
export function questionCard(question: Question, dialog: string): AdaptiveCard {
  const choices = question.choices.map(shown);
  const dropdown = choices.length > MAX_BUTTONS;
  return renderCard('question', {
    question: truncate(stripInvisible(question.text), 400),
    hint: `${question.hint ?? TYPE_OR_CANCEL} ${CANCEL}`,
    dropdown,
    label: 'Choose',
    choices,
    // With a drop-down, the client adds its value to the one button's data as `answer`.
    buttons: dropdown ? [] : choices,
    verb: DIALOG_ANSWER_VERB,
    dialog,
  });
}

/** A dialog whose question waited too long: what was dropped, and a button that starts it again. */
export function dialogExpiredCard(asText: string, timeoutMinutes: number, runCommandVerb: string): AdaptiveCard {
  const request = truncate(stripInvisible(asText), 200);
  const minutes = `${timeoutMinutes} ${timeoutMinutes === 1 ? 'minute' : 'minutes'}`;
  return renderCard('dialog-expired', {
    text: `My question about "${request}" waited more than ${minutes} for an answer, so I dropped it.`,
    verb: runCommandVerb,
    again: asText,
  });
}
