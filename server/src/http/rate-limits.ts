import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { ApiError } from './errors.js';

/** Lookups by tracking code per client address: enough for a family checking its cases, too few to guess. */
export interface LookupLimits {
  /** Every lookup, per minute. */
  perMinute: number;
  /** Lookups of a code that does not exist, per quarter of an hour: guessing is what these are. */
  missesPerQuarter: number;
}

export const LOOKUP_LIMITS: LookupLimits = { perMinute: 60, missesPerQuarter: 10 };

/**
 * The limits of the public status lookups (the API and the page share them). `refuse` answers a client over
 * its limit: JSON for the API, a page for a person. Counts live in this process: with several processes a
 * guesser gets their number times as many tries, still nowhere near the 57 bits of a code.
 */
export function lookupLimits(limits: LookupLimits, refuse: RequestHandler): RequestHandler[] {
  const common = { standardHeaders: 'draft-8' as const, legacyHeaders: false, handler: refuse };
  return [
    rateLimit({ ...common, windowMs: 60_000, limit: limits.perMinute }),
    rateLimit({ ...common, windowMs: 15 * 60_000, limit: limits.missesPerQuarter, skipSuccessfulRequests: true }),
  ];
}

export function tooManyLookups(): ApiError {
  return new ApiError(429, 'too-many-requests', 'too many status lookups from this address; try again later');
}

/** Applications through the public forms per client address and hour: a family, not a flood. */
export const APPLICATIONS_PER_HOUR = 10;

export function applicationLimit(perHour: number, refuse: RequestHandler): RequestHandler {
  return rateLimit({ windowMs: 3600_000, limit: perHour, standardHeaders: 'draft-8', legacyHeaders: false, handler: refuse });
}
