import type { Feature } from '../../app/routes';
import { createHelpCommand } from './help.command';

/** Help needs the whole table, so it is built from it (see src/app/feature-table.ts). */
export function createHelpFeature(listFeatures: () => readonly Feature[]): Feature {
  return { commands: [createHelpCommand(() => listFeatures().flatMap((f) => f.commands))], actions: [] };
}
