import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { IncomingMessage } from 'node:http';

/*
 * The pages keep the login token in an HttpOnly cookie instead of a bearer header, so scripts on the page
 * never see it. A request that changes something must also carry the session's CSRF token (a form field or
 * the x-csrf-token header): another site can make the browser send the cookie, but cannot read the token.
 */

export const SESSION_COOKIE = 'loket_sessie';
/** Before login there is no session: the login form is protected by a random value in a cookie and a field (double submit). */
export const LOGIN_FORM_COOKIE = 'loket_aanmeldformulier';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** What the cookie and CSRF checks read of a request: node's own (the API) or express' (the pages). */
export type HeadersAndBody = Pick<IncomingMessage, 'headers'> & { body?: unknown };

export function readCookies(req: HeadersAndBody): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    const raw = part.slice(at + 1).trim();
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      // A cookie another application set in a form we do not read.
    }
  }
  return cookies;
}

export function sessionTokenOf(req: HeadersAndBody): string | undefined {
  return readCookies(req)[SESSION_COOKIE] || undefined;
}

/** Derived from the session's token, so it needs no storage and ends with the session. */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('loket csrf').digest('base64url');
}

export function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether a request with a session cookie proves it comes from one of Loket's own pages. */
export function carriesCsrfToken(req: HeadersAndBody, sessionToken: string): boolean {
  const given = req.headers[CSRF_HEADER] ?? (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  return sameSecret(given, csrfTokenFor(sessionToken));
}

export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

function cookieFlags(req: Request): string {
  return `Path=/; HttpOnly; SameSite=Lax${req.secure ? '; Secure' : ''}`;
}

export function setSessionCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  res.append('Set-Cookie', `${SESSION_COOKIE}=${encodeURIComponent(token)}; Max-Age=${maxAge}; ${cookieFlags(req)}`);
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=; Max-Age=0; ${cookieFlags(req)}`);
}

/** A fresh double-submit value for a form of someone without a session (login, a public application): set as a cookie, to be echoed in the form. */
export function issueAnonymousFormToken(req: Request, res: Response): string {
  const value = randomBytes(24).toString('base64url');
  res.append('Set-Cookie', `${LOGIN_FORM_COOKIE}=${value}; Max-Age=3600; ${cookieFlags(req)}`);
  return value;
}

export function anonymousFormTokenHolds(req: HeadersAndBody): boolean {
  const cookie = readCookies(req)[LOGIN_FORM_COOKIE];
  return cookie !== undefined && sameSecret((req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD], cookie);
}
