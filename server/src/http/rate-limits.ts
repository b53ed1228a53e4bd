import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ApiError } from './errors.js';

/**
 * Limits per client address for what anyone may do without logging in. `refuse` answers a client over its
 * limit: JSON for the API, a page for a person. Counts live in this process: with several processes a client
 * gets their number times as many tries.
 */
function perAddress(windowMs: number, limit: number, refuse: RequestHandler, { onlyFailures = false } = {}): RequestHandler {
  return rateLimit({ windowMs, limit, standardHeaders: 'draft-8', legacyHeaders: false, handler: refuse, skipSuccessfulRequests: onlyFailures });
}

/**
 * Lookups by tracking code (the API and the page share them): 60 a minute, enough for a family checking its
 * cases, and 10 unknown codes a quarter of an hour, since guessing is what those are; nowhere near the 57
 * bits of a code.
 */
export function lookupLimits(refuse: RequestHandler): RequestHandler[] {
  return [perAddress(60_000, 60, refuse), perAddress(15 * 60_000, 10, refuse, { onlyFailures: true })];
}

/** Applications through the public forms: 10 an hour, a family, not a flood. */
export function applicationLimit(refuse: RequestHandler): RequestHandler {
  return perAddress(3600_000, 10, refuse);
}

export function tooManyLookups(): ApiError {
  return new ApiError(429, 'too-many-requests', 'too many status lookups from this address; try again later');
}
