import type { Deps } from '../app/deps';
import { environmentsCliCommand } from './environments.command';
import { auditCliCommand } from './audit.command';
import { diagnoseCliCommand } from './diagnose.command';
import { syncCliCommand } from './sync.command';
import { doctorCliCommand } from './doctor.command';
import { storeCliCommand } from './store.command';
import { assignLicenceCliCommand, removeAccessCliCommand, whoHasAccessCliCommand } from './access.command';
import { assignRoleCliCommand, groupTeamsCliCommand, linkGroupCliCommand, moveBusinessUnitCliCommand, removeRoleCliCommand, rolesCliCommand } from './roles.command';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A CLI subcommand: `npm run cli -- <name> …args`. Returns the process exit code. */
export interface CliCommand {
  readonly name: string;
  /** `environments [--json]` */
  readonly usage: string;
  readonly summary: string;
  run(args: readonly string[], deps: Deps, io: CliIo): Promise<number>;
  /** Runs instead of failing when the configuration does not load (the message lists every problem). */
  whenConfigInvalid?(args: readonly string[], problems: string, io: CliIo): number;
}

/** Every CLI command; features add theirs here. */
export const cliCommands: CliCommand[] = [
  environmentsCliCommand,
  auditCliCommand,
  diagnoseCliCommand,
  syncCliCommand,
  doctorCliCommand,
  storeCliCommand,
  rolesCliCommand,
  assignRoleCliCommand,
  removeRoleCliCommand,
  moveBusinessUnitCliCommand,
  linkGroupCliCommand,
  groupTeamsCliCommand,
  whoHasAccessCliCommand,
  removeAccessCliCommand,
  assignLicenceCliCommand,
];
