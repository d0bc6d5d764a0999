/** The command table of the CLI; each command lives in its own file. */
import type { ParseArgsConfig } from 'node:util';
import type { CliContext } from './main.ts';
import { serveCommand, startCommand } from './serve.ts';
import { migrateCommand } from './migrate.ts';
import { createUserCommand } from './createUser.ts';
import { seedDemoCommand } from './seedDemo.ts';
import { auditCommand } from './audit.ts';
import { importInformationCommand } from './importInformation.ts';
import { importGazetteCommand } from './importGazette.ts';
import { importEnforcementCommand } from './importEnforcement.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { publishDueCommand } from './publishDue.ts';
import { calendarCommand } from './calendar.ts';
import { searchEvalCommand } from './searchEval.ts';
import { answersEvalCommand } from './answersEval.ts';
import { searchReindexCommand } from './searchReindex.ts';
import { requestsCommand } from './requests.ts';
import { reportCommand } from './report.ts';
import { linksCommand } from './links.ts';
import { notificationsCommand } from './notifications.ts';

export interface Command {
  summary: string;
  options?: ParseArgsConfig['options'];
  /** serve keeps the database open after run() returns. */
  keepsDbOpen?: boolean;
  run(ctx: CliContext, values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number | void>;
}

export const commands: Record<string, Command> = {
  start: startCommand,
  serve: serveCommand,
  migrate: migrateCommand,
  'create-user': createUserCommand,
  'seed-demo': seedDemoCommand,
  audit: auditCommand,
  'import-information': importInformationCommand,
  'import-gazette': importGazetteCommand,
  'import-enforcement': importEnforcementCommand,
  'publish-due': publishDueCommand,
  calendar: calendarCommand,
  backup: backupCommand,
  restore: restoreCommand,
  'search-eval': searchEvalCommand,
  'answers-eval': answersEvalCommand,
  'search-reindex': searchReindexCommand,
  requests: requestsCommand,
  report: reportCommand,
  links: linksCommand,
  notifications: notificationsCommand,
};
