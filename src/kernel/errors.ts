/**
 * One error model for the whole application. Services throw AppError; the HTTP layer maps the
 * code to a status, the CLI maps it to an exit status. `details` names each offending field by path.
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, exit: 65 },
  INVALID_JSON: { status: 400, exit: 65 },
  INVALID_CURSOR: { status: 400, exit: 64 },
  QUERY_SYNTAX: { status: 400, exit: 64 },
  BAD_REQUEST: { status: 400, exit: 64 },
  UNAUTHORIZED: { status: 401, exit: 77 },
  FORBIDDEN: { status: 403, exit: 77 },
  NOT_FOUND: { status: 404, exit: 66 },
  GONE: { status: 410, exit: 66 },
  CONFLICT: { status: 409, exit: 73 },
  PAYLOAD_TOO_LARGE: { status: 413, exit: 65 },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, exit: 65 },
  RATE_LIMITED: { status: 429, exit: 75 },
  UNAVAILABLE: { status: 503, exit: 69 },
  INTERNAL: { status: 500, exit: 70 },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldIssue {
  /** Path of the field, e.g. `victims.0.gender`; for imports, prefixed with `line 3:`. */
  path: string;
  message: string;
  /** Allowed values, when the field takes a code from a closed list. */
  allowed?: readonly string[];
  line?: number;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details ?? null;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }
}

export function notFound(what: string, id: string): AppError {
  return new AppError('NOT_FOUND', `${what} '${id}' does not exist`, { id });
}
