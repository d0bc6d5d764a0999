/**
 * The typed error catalogue (conventions C6). Every error a user can meet has a stable `code`, an HTTP status and a
 * message in Simplified Chinese that is safe to show. Tests assert `code`, never message text.
 */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    public readonly code: string,
    public readonly status: number,
    message: string,
    public readonly fields: FieldErrors = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ValidationError extends AppError {
  override name = 'ValidationError';
  constructor(fields: FieldErrors, message = '提交的内容有误，请按提示修改。', code = 'VALIDATION_FAILED') {
    super(code, 400, message, fields);
  }
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  constructor(message = '没有找到您要的页面或记录。', code = 'NOT_FOUND') {
    super(code, 404, message);
  }
}

export class UnauthenticatedError extends AppError {
  override name = 'UnauthenticatedError';
  constructor(message = '请先登录。', code = 'AUTH_REQUIRED') {
    super(code, 401, message);
  }
}

export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  constructor(message = '您没有执行此操作的权限。', code = 'FORBIDDEN') {
    super(code, 403, message);
  }
}

export class ConflictError extends AppError {
  override name = 'ConflictError';
  constructor(code: string, message: string, fields: FieldErrors = {}) {
    super(code, 409, message, fields);
  }
}

export class RateLimitedError extends AppError {
  override name = 'RateLimitedError';
  constructor(message = '操作过于频繁，请稍后再试。') {
    super('RATE_LIMITED', 429, message);
  }
}

/** Codes used across modules, listed once so API clients can rely on them. See docs/practices/errors.md. */
export const ErrorCodes = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  AUTH_REQUIRED: 'AUTH_REQUIRED',
  FORBIDDEN: 'FORBIDDEN',
  CSRF_INVALID: 'CSRF_INVALID',
  RATE_LIMITED: 'RATE_LIMITED',
  LOGIN_FAILED: 'LOGIN_FAILED',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  TRANSITION_NOT_ALLOWED: 'TRANSITION_NOT_ALLOWED',
  PERSONAL_DATA_UNRESOLVED: 'PERSONAL_DATA_UNRESOLVED',
  UPLOAD_REJECTED: 'UPLOAD_REJECTED',
  CALENDAR_UNKNOWN: 'CALENDAR_UNKNOWN',
  CASE_INVALID_TRANSITION: 'CASE_INVALID_TRANSITION',
  CASE_CORRECTION_ONCE: 'CASE_CORRECTION_ONCE',
  CASE_PERIOD_NOT_OVER: 'CASE_PERIOD_NOT_OVER',
  CASE_EXTENSION_REFUSED: 'CASE_EXTENSION_REFUSED',
  CASE_NOT_RELEASED: 'CASE_NOT_RELEASED',
  CASE_ALREADY_PROACTIVE: 'CASE_ALREADY_PROACTIVE',
  CASE_FEE_METHOD_FIXED: 'CASE_FEE_METHOD_FIXED',
  LETTER_ALREADY_REPLACED: 'LETTER_ALREADY_REPLACED',
  DATA_DIR_LOCKED: 'DATA_DIR_LOCKED',
  CATALOGUE_INVALID_TRANSITION: 'CATALOGUE_INVALID_TRANSITION',
  CONSULTATION_NOT_OPEN: 'CONSULTATION_NOT_OPEN',
  CONSULTATION_INVALID_TRANSITION: 'CONSULTATION_INVALID_TRANSITION',
  CONSULTATION_UNDISPOSED: 'CONSULTATION_UNDISPOSED',
  DECISION_INVALID_TRANSITION: 'DECISION_INVALID_TRANSITION',
  MEETING_INVALID_TRANSITION: 'MEETING_INVALID_TRANSITION',
  MEETING_NOT_OPEN: 'MEETING_NOT_OPEN',
  SURVEY_INVALID_TRANSITION: 'SURVEY_INVALID_TRANSITION',
  SURVEY_NOT_OPEN: 'SURVEY_NOT_OPEN',
  SURVEY_ALREADY_ANSWERED: 'SURVEY_ALREADY_ANSWERED',
  MESSAGE_INVALID_TRANSITION: 'MESSAGE_INVALID_TRANSITION',
  MESSAGE_ALREADY_EXTENDED: 'MESSAGE_ALREADY_EXTENDED',
  MESSAGE_SELF_REVIEW: 'MESSAGE_SELF_REVIEW',
  PROPOSAL_DUPLICATE: 'PROPOSAL_DUPLICATE',
  PROPOSAL_INVALID_TRANSITION: 'PROPOSAL_INVALID_TRANSITION',
  PROPOSAL_ALREADY_DECIDED: 'PROPOSAL_ALREADY_DECIDED',
  ANSWER_INVALID_TRANSITION: 'ANSWER_INVALID_TRANSITION',
  DATASET_INVALID_TRANSITION: 'DATASET_INVALID_TRANSITION',
  DATASTORE_BAD_QUERY: 'DATASTORE_BAD_QUERY',
  DATA_NOT_OPEN: 'DATA_NOT_OPEN',
  DATA_ACCESS_DECIDED: 'DATA_ACCESS_DECIDED',
  DATA_DEMAND_ANSWERED: 'DATA_DEMAND_ANSWERED',
  GAZETTE_STATE: 'GAZETTE_STATE',
  GAZETTE_ISSUE_EXISTS: 'GAZETTE_ISSUE_EXISTS',
  GAZETTE_EMPTY: 'GAZETTE_EMPTY',
  CLEANUP_STATE: 'CLEANUP_STATE',
  CLEANUP_UNDECIDED: 'CLEANUP_UNDECIDED',
  ENFORCEMENT_DUPLICATE: 'ENFORCEMENT_DUPLICATE',
  ENFORCEMENT_WITHDRAWN: 'ENFORCEMENT_WITHDRAWN',
  ENFORCEMENT_IMPORT_REFUSED: 'ENFORCEMENT_IMPORT_REFUSED',
  ENFORCEMENT_STATS_PUBLISHED: 'ENFORCEMENT_STATS_PUBLISHED',
  TABLE_UNREADABLE: 'TABLE_UNREADABLE',
  TABLE_TOO_LARGE: 'TABLE_TOO_LARGE',
  TABLE_TOO_WIDE: 'TABLE_TOO_WIDE',
  TABLE_EMPTY: 'TABLE_EMPTY',
  OPINION_CLOSED: 'OPINION_CLOSED',
  OPEN311_API_KEY_INVALID: 'OPEN311_API_KEY_INVALID',
  OPEN311_SERVICE_NOT_FOUND: 'OPEN311_SERVICE_NOT_FOUND',
  OPEN311_REQUEST_NOT_FOUND: 'OPEN311_REQUEST_NOT_FOUND',
  REPORT_INVALID_TRANSITION: 'REPORT_INVALID_TRANSITION',
  REPORT_CHECKS_FAILED: 'REPORT_CHECKS_FAILED',
  REPORT_NOT_EDITABLE: 'REPORT_NOT_EDITABLE',
  REPORT_EXISTS: 'REPORT_EXISTS',
  BAD_REQUEST: 'BAD_REQUEST',
  VERSION_NOT_EDITABLE: 'VERSION_NOT_EDITABLE',
  UNIT_DUPLICATE: 'UNIT_DUPLICATE',
  USERNAME_TAKEN: 'USERNAME_TAKEN',
  WITHDRAWN: 'WITHDRAWN',
  /** Untrusted input (docs/security.md): an archive over a limit, a parser over its heap or deadline, bad text. */
  ARCHIVE_REJECTED: 'ARCHIVE_REJECTED',
  UPLOAD_TOO_COMPLEX: 'UPLOAD_TOO_COMPLEX',
  UPLOAD_UNREADABLE: 'UPLOAD_UNREADABLE',
  TEXT_INVALID: 'TEXT_INVALID',
  HTML_TOO_DEEP: 'HTML_TOO_DEEP',
  DB_UNAVAILABLE: 'DB_UNAVAILABLE',
  PASSWORD_CHANGE_REQUIRED: 'PASSWORD_CHANGE_REQUIRED',
  TOTP_REQUIRED: 'TOTP_REQUIRED',
  TOTP_ENROLMENT_REQUIRED: 'TOTP_ENROLMENT_REQUIRED',
  INTERNAL: 'INTERNAL',
} as const;

/**
 * True for an error the user can fix on the form they submitted (invalid input, a conflict, a refused upload): the
 * handler re-renders the form with the message. Sign-in, permission and not-found errors, and server faults, go to
 * the error boundary instead.
 */
export function isFormError(err: unknown): err is AppError {
  return err instanceof AppError && err.status < 500 && err.status !== 401 && err.status !== 403 && err.status !== 404;
}
