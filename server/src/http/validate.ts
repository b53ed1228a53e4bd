import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { RequestHandler } from 'express';
import { badRequest } from './errors.js';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1), as a plain object. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * A schema that carries the TypeScript type of what it accepts, so a route's handler gets a typed body.
 * The type is declared by whoever writes the schema; keep the two in step.
 */
export type TypedSchema<T> = JsonSchema & { readonly __accepts?: T };

export function schema<T>(definition: JsonSchema): TypedSchema<T> {
  return definition;
}

/** One problem with a request, as listed in the error's `details`. */
export interface ValidationProblem {
  /** Where: `body` or `query`. */
  in: 'body' | 'query';
  /** JSON pointer into that part, `/` for the whole of it. */
  path: string;
  message: string;
}

function newAjv(coerceTypes: boolean): Ajv2020 {
  // Not strict: OpenAPI annotations (e.g. `example`) may sit in the same schemas.
  const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: true, coerceTypes: coerceTypes ? 'array' : false });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  return ajv;
}

// Query strings only ever hold strings: numbers and booleans in them are coerced; JSON bodies are taken as sent.
const bodyAjv = newAjv(false);
const queryAjv = newAjv(true);
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validatorFor(ajv: Ajv2020, definition: JsonSchema): ValidateFunction {
  let validate = compiled.get(definition);
  if (!validate) {
    validate = ajv.compile(definition);
    compiled.set(definition, validate);
  }
  return validate;
}

function describe(error: ErrorObject, part: ValidationProblem['in']): ValidationProblem {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { in: part, path: `${error.instancePath}/${String(params.missingProperty)}`, message: 'is required' };
    case 'additionalProperties':
      return { in: part, path: `${error.instancePath}/${String(params.additionalProperty)}`, message: 'is not a known field' };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ');
      return { in: part, path: error.instancePath || '/', message: `must be one of ${allowed}` };
    }
    default:
      return { in: part, path: error.instancePath || '/', message: error.message ?? 'is not valid' };
  }
}

/**
 * Checks a value against a schema; returns the value (with defaults filled in and, for query
 * strings, types coerced) or throws a 400 listing every problem.
 */
export function check<T>(definition: TypedSchema<T>, value: unknown, part: ValidationProblem['in']): T {
  const copy = part === 'query' ? { ...(value as object) } : value;
  const validate = validatorFor(part === 'query' ? queryAjv : bodyAjv, definition);
  if (validate(copy)) return copy as T;
  const problems = (validate.errors ?? []).map((error) => describe(error, part));
  const what = part === 'body' ? 'request body' : 'query string';
  const summary = value === undefined && part === 'body' ? 'the request needs a JSON body (Content-Type: application/json)' : `the ${what} is not valid`;
  throw badRequest(`${summary}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
}

/**
 * Express middleware for routes written by hand: validates `req.body` and/or the query string.
 * The checked query (coerced) is left in `res.locals.query`, since express 5 re-parses `req.query` on each read.
 */
export function validate(schemas: { body?: JsonSchema; query?: JsonSchema }): RequestHandler {
  return (req, res, next) => {
    if (schemas.body) req.body = check(schemas.body, req.body, 'body');
    if (schemas.query) res.locals.query = check(schemas.query, req.query, 'query');
    next();
  };
}
