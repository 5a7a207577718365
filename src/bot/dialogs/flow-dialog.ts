import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import {
  ChoicePrompt, ComponentDialog, ListStyle, TextPrompt, WaterfallDialog,
  type Choice, type FoundChoice, type PromptOptions, type PromptValidatorContext, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Deps } from '../../app/deps';
import type { AnyFlow, Question, Slot } from '../../app/flows';
import { questionCard } from '../../app/question.card';
import { cardAttachment } from '../turn';

/** What a flow dialog is begun with and ends with. */
export interface FlowDialogOptions {
  request: Record<string, unknown>;
  /** Ties the question cards' buttons to this dialog. */
  token: string;
}

export interface FlowDialogResult {
  flowId: string;
  request: object;
}

/** An answer the validator accepted, handed to the next waterfall step within the same turn. */
const ACCEPTED = Symbol('accepted answer');

export const flowDialogId = (flowId: string): string => `flow:${flowId}`;

export function questionActivity(question: Question, token: string): Partial<Activity> {
  return { type: ActivityTypes.Message, attachments: [cardAttachment(questionCard(question, token))] };
}

interface Validations {
  request: Record<string, unknown>;
  token: string;
}

/**
 * One flow as a ComponentDialog: for each slot the request still lacks, a ChoicePrompt (the question
 * has choices) or a TextPrompt asks, and the slot's `accept` decides about the answer (a button's
 * value or typed text; the ChoicePrompt's own recognition adds "2" and "the second one"). A refused
 * answer asks again, with the narrowed question the slot returned. The dialog ends with the filled
 * request; the runner hands it to the flow's command.
 */
export class FlowDialog extends ComponentDialog {
  constructor(private readonly flow: AnyFlow, private readonly deps: Deps) {
    super(flowDialogId(flow.id));
    const steps = flow.slots.flatMap((slot) => [(step: WaterfallStepContext) => this.ask(step, slot), (step: WaterfallStepContext) => this.fill(step, slot)]);
    this.addDialog(new WaterfallDialog(`${flowDialogId(flow.id)}:steps`, [...steps, (step) => this.finish(step)]));
    for (const slot of flow.slots) {
      this.addDialog(new ChoicePrompt(this.promptId(slot, 'choice'), (pc) => this.validate(pc, slot), 'en-us'));
      this.addDialog(new TextPrompt(this.promptId(slot, 'text'), (pc) => this.validate(pc, slot)));
    }
  }

  private promptId(slot: Slot<object>, kind: 'choice' | 'text'): string {
    return `${flowDialogId(this.flow.id)}:${slot.key}:${kind}`;
  }

  private requestOf(step: WaterfallStepContext): Record<string, unknown> {
    const values = step.values as { request?: Record<string, unknown> };
    values.request ??= { ...(step.options as FlowDialogOptions).request };
    return values.request;
  }

  private async ask(step: WaterfallStepContext, slot: Slot<object>) {
    const request = this.requestOf(step);
    if (!slot.missing(request)) return step.next();
    const { token } = step.options as FlowDialogOptions;
    const question = await slot.question(request, this.deps);
    const options: PromptOptions = { prompt: questionActivity(question, token), validations: { request, token } satisfies Validations };
    if (question.choices.length === 0) return step.prompt(this.promptId(slot, 'text'), options);
    return step.prompt(this.promptId(slot, 'choice'), { ...options, choices: toChoices(question), style: ListStyle.none });
  }

  private async fill(step: WaterfallStepContext, slot: Slot<object>) {
    const context: TurnContext = step.context;
    if (context.turnState.has(ACCEPTED)) {
      this.requestOf(step)[slot.key] = context.turnState.get(ACCEPTED) as unknown;
      context.turnState.delete(ACCEPTED);
    }
    return step.next();
  }

  private async finish(step: WaterfallStepContext) {
    const result: FlowDialogResult = { flowId: this.flow.id, request: this.flow.complete(this.requestOf(step)) };
    return step.endDialog(result);
  }

  private async validate(pc: PromptValidatorContext<FoundChoice | string>, slot: Slot<object>): Promise<boolean> {
    const { request, token } = pc.options.validations as Validations;
    const typed = pc.context.activity.text ?? '';
    let answer = await slot.accept(typed, request, this.deps);
    const recognised = pc.recognized.succeeded && typeof pc.recognized.value === 'object' ? pc.recognized.value.value : null;
    if (!answer.ok && recognised !== null && recognised !== typed) answer = await slot.accept(recognised, request, this.deps);
    if (answer.ok) {
      pc.context.turnState.set(ACCEPTED, answer.value);
      return true;
    }
    // Asked again with what the slot says: typed numbers ("2") then count in the narrowed list.
    if (answer.retry.choices.length > 0 && pc.options.choices) pc.options.choices = toChoices(answer.retry);
    await pc.context.sendActivity(questionActivity(answer.retry, token));
    return false;
  }
}

function toChoices(question: Question): Choice[] {
  return question.choices.map((c) => ({ value: c.value, synonyms: [c.title] }));
}
