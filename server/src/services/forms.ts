import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** JSON Schema forms: compiled once per deployed version, used to check what a civil servant submits. */
export class Forms {
  private readonly ajv = newAjv();
  private readonly validators = new Map<string, ValidateFunction>();

  /** Problems with a form's schema itself, for deploy time; empty when it compiles. */
  static problemsOf(schema: unknown): string[] {
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return ['a form must be a JSON Schema object'];
    const declared = (schema as { $schema?: unknown }).$schema;
    if (declared !== undefined && declared !== 'https://json-schema.org/draft/2020-12/schema') {
      return [`forms use JSON Schema 2020-12; "$schema" is ${JSON.stringify(declared)}`];
    }
    try {
      newAjv().compile(schema as object);
      return [];
    } catch (err) {
      return [`the form is not a valid JSON Schema: ${(err as Error).message}`];
    }
  }

  /** Checks submitted variables against a deployed form; one entry per problem, empty when valid. */
  check(formDefinitionId: string, schema: object, variables: unknown): { path: string; message: string }[] {
    return this.errors(formDefinitionId, schema, variables).map(describeError);
  }

  /** The same check, as ajv reports it (keyword and limits), for pages that say what is wrong in their own words. */
  errors(formDefinitionId: string, schema: object, variables: unknown): ErrorObject[] {
    let validate = this.validators.get(formDefinitionId);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.validators.set(formDefinitionId, validate);
    }
    return validate(variables) ? [] : [...(validate.errors ?? [])];
  }
}

function newAjv(): Ajv2020 {
  // verbose: a problem carries the value, so a page can say how long a too-long text is.
  const ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  return ajv;
}

function describeError(error: ErrorObject): { path: string; message: string } {
  const missing = error.keyword === 'required' ? `/${(error.params as { missingProperty: string }).missingProperty}` : '';
  return { path: `${error.instancePath}${missing}` || '/', message: error.message ?? 'is not valid' };
}
