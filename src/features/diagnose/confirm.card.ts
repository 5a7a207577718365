import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';

export interface ConfirmCardInput {
  title: string;
  text: string;
  confirmTitle: string;
  confirmVerb: string;
  cancelVerb: string;
  /** Only the id travels on the card; the action itself stays in the confirmations table. */
  confirmationId: string;
  expiresInMinutes: number;
}

/** A generic "are you sure" card for a stored confirmation (see src/app/confirmations.ts). */
export function confirmView(input: ConfirmCardInput) {
  const data = (verb: string) => ({ verb, confirmationId: input.confirmationId });
  return {
    title: input.title,
    text: input.text,
    expiry: `Only you can confirm this, once, within ${input.expiresInMinutes} minute${input.expiresInMinutes === 1 ? '' : 's'}.`,
    confirmTitle: input.confirmTitle,
    confirmVerb: input.confirmVerb,
    confirmData: data(input.confirmVerb),
    cancelVerb: input.cancelVerb,
    cancelData: data(input.cancelVerb),
  };
}

export const confirmCard = (...args: Parameters<typeof confirmView>): AdaptiveCard => renderCard('confirm', confirmView(...args));
