import type { ErrorRequestHandler, RequestHandler } from 'express';

/** The error codes of the API contract, each with its one HTTP status. */
export type ErrorCode = 'bad-request' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'too-many-requests' | 'internal';

export const STATUS_OF: Record<ErrorCode, number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-many-requests': 429,
  internal: 500,
};

/** What every error response looks like: `{"error": code, "message": ..., "details": [...]}`. */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
  details: unknown[];
}

/** An error meant for the caller: thrown anywhere below a route, turned into the error format by `errorHandler`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly unknown[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    return { error: this.code, message: this.message, details: [...this.details] };
  }
}

export const badRequest = (message: string, details: readonly unknown[] = []) => new ApiError(400, 'bad-request', message, details);
export const unauthorized = (message = 'log in first: send "Authorization: Bearer <token>"') => new ApiError(401, 'unauthorized', message);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const notFound = (message: string) => new ApiError(404, 'not-found', message);
export const conflict = (message: string, details: readonly unknown[] = []) => new ApiError(409, 'conflict', message, details);

/** For /api paths no route answered. */
export const unknownApiRoute: RequestHandler = (req, _res, next) => {
  next(notFound(`no such endpoint: ${req.method} ${req.baseUrl}${req.path}`));
};

/** Errors express' body parser raises carry a status and a type; the JSON syntax error is the one callers make. */
interface BodyParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
}

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const parserError = err as BodyParserError;
  const status = parserError?.status ?? parserError?.statusCode;
  if (parserError?.type === 'entity.parse.failed') return badRequest(`the request body is not valid JSON: ${parserError.message ?? ''}`.trim());
  if (parserError?.type === 'entity.too.large') return new ApiError(413, 'bad-request', 'the request body is too large');
  if (parserError?.type === 'encoding.unsupported' || parserError?.type === 'charset.unsupported') {
    return new ApiError(415, 'bad-request', parserError.message ?? 'unsupported request encoding');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) return new ApiError(status, 'bad-request', parserError.message ?? 'bad request');
  return new ApiError(500, 'internal', 'something went wrong on the server; it has been logged');
}

/** The last middleware: every error leaves the server in the contract's format, and 5xx are logged. */
export function errorHandler(log: (message: string, err: unknown) => void = defaultLog): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const apiError = toApiError(err);
    if (apiError.status >= 500) log(`${req.method} ${req.originalUrl} failed`, err);
    res.status(apiError.status).json(apiError.toBody());
  };
}

export function defaultLog(message: string, err: unknown): void {
  console.error(message, err);
}
