/**
 * The one authorisation function (conventions C3). Every route calls authorize(actor, action, subject); the rules
 * live in this table, so "who may do what" is readable in one place. Roles are scoped to a unit and its subtree.
 */
import { ForbiddenError, UnauthenticatedError } from './errors.ts';

export type Role = 'system_admin' | 'office_admin' | 'publisher' | 'reviewer' | 'secrecy_reviewer' | 'request_officer' | 'message_officer';

export const ROLE_LABELS: Record<Role, string> = {
  system_admin: '系统管理员',
  office_admin: '政务公开办管理员',
  publisher: '信息发布员',
  reviewer: '审核人',
  secrecy_reviewer: '保密审查人',
  request_officer: '依申请公开承办人',
  message_officer: '留言承办人',
};

export interface RoleGrant {
  role: Role;
  unitId: number;
  unitPath: string;
}

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'user'; id: number; username: string; displayName: string; unitId: number; grants: RoleGrant[]; sessionId: string; mustChangePassword?: boolean; totp?: boolean }
  | { kind: 'api'; tokenId: number; name: string; unitId: number; unitPath: string; scopes: string[] }
  | { kind: 'system'; label: string };

export const anonymous: Actor = { kind: 'anonymous' };

/** What an action is about: the unit (by its path) that owns the record. */
export interface Subject {
  unitPath: string;
}

export type Action =
  | 'unit.manage'
  | 'user.manage'
  | 'token.manage'
  | 'calendar.manage'
  | 'search.manage'
  | 'request.handle'
  | 'request.approve_extension'
  | 'request.approve_reply'
  | 'request.templates'
  | 'consultation.edit'
  | 'consultation.publish'
  | 'decision.edit'
  | 'decision.publish'
  | 'meeting.edit'
  | 'survey.edit'
  | 'survey.publish'
  | 'message.handle'
  | 'message.dispatch'
  | 'message.review'
  | 'proposal.edit'
  | 'answer.edit'
  | 'answer.review'
  | 'dataset.edit'
  | 'dataset.review'
  | 'gazette.edit'
  | 'cleanup.edit'
  | 'cleanup.publish'
  | 'enforcement.edit'
  | 'gazette.publish'
  | 'opinion.manage'
  | 'concern.manage'
  | 'catalogue.edit'
  | 'catalogue.approve'
  | 'catalogue.manage_areas'
  | 'report.edit'
  | 'report.file'
  | 'supervision.read'
  | 'audit.read'
  | 'staff.enter'
  | 'item.read_internal'
  | 'item.draft'
  | 'item.secrecy_review'
  | 'item.review'
  | 'item.withdraw'
  | 'item.change_validity';

const covers = (grant: RoleGrant, subject: Subject) => subject.unitPath.startsWith(grant.unitPath);

function hasRole(actor: Actor, roles: Role[], subject?: Subject): boolean {
  if (actor.kind !== 'user') return false;
  return actor.grants.some((g) => roles.includes(g.role) && (!subject || covers(g, subject)));
}

function apiScope(actor: Actor, scope: string, subject?: Subject): boolean {
  return actor.kind === 'api' && actor.scopes.includes(scope) && (!subject || subject.unitPath.startsWith(actor.unitPath));
}

/** The 政务公开 office of the top unit (the city): city-wide settings are its alone. */
const cityOffice = (a: Actor) => a.kind === 'user' && a.grants.some((g) => g.role === 'office_admin' && g.unitPath.split('/').filter(Boolean).length === 1);

const STAFF: Role[] = ['system_admin', 'office_admin', 'publisher', 'reviewer', 'secrecy_reviewer', 'request_officer', 'message_officer'];

const rules: Record<Action, (actor: Actor, subject?: Subject) => boolean> = {
  'staff.enter': (a) => hasRole(a, STAFF),
  'unit.manage': (a, s) => hasRole(a, ['system_admin'], s) || hasRole(a, ['office_admin'], s),
  'user.manage': (a, s) => hasRole(a, ['system_admin'], s) || hasRole(a, ['office_admin'], s),
  'token.manage': (a, s) => hasRole(a, ['system_admin', 'office_admin'], s),
  // The working-day calendar drives every unit's statutory due dates; search tuning and the query log are city-wide.
  // Both belong to the city's 政务公开 office, not to the office of a district or a department.
  'calendar.manage': (a) => cityOffice(a),
  'search.manage': (a) => cityOffice(a),
  // Requests are handled by the unit's 政府信息公开工作机构; an extension needs its head (Art. 33), the office admin.
  'request.handle': (a, s) => hasRole(a, ['request_officer', 'office_admin'], s) || apiScope(a, 'requests:write', s),
  'request.templates': (a, s) => hasRole(a, ['office_admin'], s),
  // A unit's catalogue is compiled by its office or publishers, and approved above it: by the office of a superior
  // unit (a strict ancestor), or, for the top unit, by its own office.
  'catalogue.edit': (a, s) => hasRole(a, ['office_admin', 'publisher'], s),
  'catalogue.approve': (a, s) =>
    a.kind === 'user' &&
    !!s &&
    a.grants.some((g) => g.role === 'office_admin' && s.unitPath.startsWith(g.unitPath) && (g.unitPath !== s.unitPath || s.unitPath.split('/').filter(Boolean).length === 1)),
  // The areas and their templates are the city's 政务公开 office's: an office admin of the top unit.
  // The annual report is compiled by the unit's office and filed (备案) with the office of a unit above it.
  'report.edit': (a, s) => hasRole(a, ['office_admin', 'publisher'], s),
  'report.file': (a, s) => rules['catalogue.approve'](a, s),
  'supervision.read': (a) => hasRole(a, ['office_admin']),
  // The areas and their templates are the city's 政务公开 office's: an office admin of the top unit.
  'catalogue.manage_areas': (a) => cityOffice(a),
  // An extension needs the head of the unit's office (Art. 33); a unit's own case system records one its head
  // approved there, through the requests:write scope.
  'request.approve_extension': (a, s) => hasRole(a, ['office_admin'], s) || apiScope(a, 'requests:write', s),
  // Where a unit asks for it, the reply letter is approved by the same head before it is issued (ADR 0015).
  'request.approve_reply': (a, s) => hasRole(a, ['office_admin'], s),
  // Consultations (ADR 0017): the unit's publishers and office draft them, register, moderate and dispose comments;
  // opening one to the public or withdrawing it is the office's or a reviewer's, like publishing an item.
  'consultation.edit': (a, s) => hasRole(a, ['office_admin', 'publisher'], s),
  'consultation.publish': (a, s) => hasRole(a, ['office_admin', 'reviewer'], s),
  // The decision catalogue (ADR 0018): publishers keep the entries; the catalogue itself is published, after the
  // party committee agreed (713号 Art. 3), by the unit's office only.
  'decision.edit': (a, s) => hasRole(a, ['office_admin', 'publisher'], s),
  'decision.publish': (a, s) => hasRole(a, ['office_admin'], s),
  'meeting.edit': (a, s) => hasRole(a, ['office_admin', 'publisher'], s),
  // Surveys like consultations: drafted by publishers, opened and their results published by the office or a reviewer.
  'survey.edit': (a, s) => hasRole(a, ['office_admin', 'publisher'], s),
  'survey.publish': (a, s) => hasRole(a, ['office_admin', 'reviewer'], s),
  // Messages (ADR 0019): the unit's 留言承办人 and office handle and answer them; the office keeps the dispatch
  // catalogue and decides disputed transfers (信箱管理员).
  // A unit's own systems (the 12345 hotline's, an Open311 client) file and answer messages through messages:write.
  'message.handle': (a, s) => hasRole(a, ['message_officer', 'office_admin'], s) || apiScope(a, 'messages:write', s),
  'message.dispatch': (a, s) => hasRole(a, ['office_admin'], s),
  // Where a unit reviews its replies before they are sent: its office or a reviewer, like an item's review.
  'message.review': (a, s) => hasRole(a, ['office_admin', 'reviewer'], s),
  // 建议提案办理 (ADR 0021): the unit's office and publishers keep the register; the published reply is an item that
  // goes through the unit's review like any other.
  'proposal.edit': (a, s) => hasRole(a, ['office_admin', 'publisher'], s),
  // The knowledge base (ADR 0022) like information items: publishers write answers, reviewers publish and withdraw.
  'answer.edit': (a, s) => hasRole(a, ['office_admin', 'publisher', 'message_officer'], s) || apiScope(a, 'answers:write', s),
  'answer.review': (a, s) => hasRole(a, ['office_admin', 'reviewer'], s),
  'dataset.edit': (a, s) => hasRole(a, ['office_admin', 'publisher'], s),
  'dataset.review': (a, s) => hasRole(a, ['office_admin', 'reviewer'], s),
  // The gazette is the city government's (国办发〔2018〕22号): compiled by its office and publishers, an issue
  // published by its office. The subject is always the top unit, so a department's staff cannot reach it.
  'gazette.edit': (a, s) => hasRole(a, ['office_admin', 'publisher'], s),
  'gazette.publish': (a, s) => hasRole(a, ['office_admin'], s),
  // 规范性文件清理: the unit's office and publishers list and decide; its office publishes the result, which changes
  // the documents' validity. 备案审查 records are kept by the same people.
  'cleanup.edit': (a, s) => hasRole(a, ['office_admin', 'publisher'], s),
  'cleanup.publish': (a, s) => hasRole(a, ['office_admin'], s),
  // 行政执法公示 is each enforcing unit's own: its publishers keep the registers, import decisions and draw.
  'enforcement.edit': (a, s) => hasRole(a, ['office_admin', 'publisher'], s),
  // 政务舆情回应 (ADR 0023) is the office's: it registers the incident and records the responses.
  'opinion.manage': (a, s) => hasRole(a, ['office_admin'], s),
  // 群众关切事项清单 (ADR 0024): kept by the 政务公开 office.
  'concern.manage': (a, s) => hasRole(a, ['office_admin'], s),
  'audit.read': (a, s) => hasRole(a, ['system_admin', 'office_admin'], s),
  // Content roles keep separation of duties: the system administrator manages accounts, not content.
  'item.read_internal': (a, s) => hasRole(a, ['office_admin', 'publisher', 'reviewer', 'secrecy_reviewer'], s) || apiScope(a, 'items:write', s),
  'item.draft': (a, s) => hasRole(a, ['publisher'], s) || apiScope(a, 'items:write', s),
  'item.secrecy_review': (a, s) => hasRole(a, ['secrecy_reviewer'], s) || apiScope(a, 'items:publish', s),
  'item.review': (a, s) => hasRole(a, ['reviewer'], s) || apiScope(a, 'items:publish', s),
  'item.withdraw': (a, s) => hasRole(a, ['reviewer', 'office_admin'], s) || apiScope(a, 'items:publish', s),
  'item.change_validity': (a, s) => hasRole(a, ['publisher', 'reviewer'], s) || apiScope(a, 'items:write', s),
};

/** True when the actor may perform the action on the subject. */
export function can(actor: Actor, action: Action, subject?: Subject): boolean {
  // The 'system' actor is the operator at the server's command line (npx gongkai ...), who already owns the
  // database; it is never built from a web request.
  if (actor.kind === 'system') return true;
  return rules[action](actor, subject);
}

/** Throws UnauthenticatedError (not signed in) or ForbiddenError (signed in, not allowed). */
export function authorize(actor: Actor, action: Action, subject?: Subject): void {
  if (can(actor, action, subject)) return;
  if (actor.kind === 'anonymous') throw new UnauthenticatedError();
  throw new ForbiddenError();
}

/** Unit paths the actor holds one of the roles in; used to scope list queries to what the actor may see. */
export function grantedPaths(actor: Actor, roles: Role[]): string[] {
  if (actor.kind === 'api') return [actor.unitPath];
  if (actor.kind !== 'user') return [];
  return actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.unitPath);
}

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `${actor.displayName}（${actor.username}）`;
    case 'api':
      return `API：${actor.name}`;
    case 'system':
      return actor.label;
    default:
      return '公众';
  }
}

export function actorUserId(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.id : null;
}
