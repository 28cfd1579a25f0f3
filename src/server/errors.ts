/** The error shape every failing API response carries, and the error raised to produce it. */

/** Machine-readable reasons a request failed; `message` says the same in words. The OpenAPI document lists these. */
export const API_ERROR_CODES = [
  'invalid_parameter',
  'missing_parameter',
  'unknown_parameter',
  'invalid_body',
  'bad_request',
  'invalid_host',
  'not_found',
  'method_not_allowed',
  'request_timeout',
  'payload_too_large',
  'unsupported_media_type',
  'expectation_failed',
  'headers_too_large',
  'not_a_page',
  'forbidden_host',
  'forbidden_origin',
  'busy',
  'analysis_failed',
  'analysis_timeout',
  'query_timeout',
  'internal_error',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export type ApiErrorStatus = 400 | 403 | 404 | 405 | 408 | 413 | 415 | 417 | 422 | 431 | 500 | 503 | 504;

/** The body of every error response: `{"error": {"code": "...", "message": "..."}}`. */
export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string };
}

/**
 * A failure the client can act on. Handlers throw it; the app turns it into
 * the JSON error body with its status. Anything else thrown becomes a 500
 * whose body says nothing about the cause (the cause goes to the log).
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: ApiErrorStatus,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }

  get body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}
