import type { AdaptiveCard } from '../../app/turn';
import { renderCard } from '../../cards/render';
import { confirmView, type ConfirmCardInput } from '../diagnose/confirm.card';
import type { MovePlan } from './move-user';

/**
 * The confirm card of a move: what happens to the roles, and a multi-select of the roles held directly
 * (each ticked; roles the new unit has no copy of are left out). The ticked values (root role ids) come
 * back in the button's data as `roles`, comma-separated.
 */
export function moveConfirmCard(plan: MovePlan, question: { title: string; text: string }, confirm: Omit<ConfirmCardInput, 'title' | 'text'>): AdaptiveCard {
  const choices = plan.roles.filter((role) => role.newCopyId !== null).map((role) => ({ title: role.name, value: role.rootRoleId }));
  return renderCard('move-business-unit', {
    ...confirmView({ ...confirm, ...question }),
    label: `Roles to keep in ${plan.to.name}`,
    choices,
    selected: choices.map((c) => c.value).join(','),
  });
}
