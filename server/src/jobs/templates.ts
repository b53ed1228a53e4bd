import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import type { EntityManager } from 'typeorm';
import { LOKET_ZONE } from '../../../engine/src/index.js';

/** Where a worker finds the text of a deployed template (a `*.hbs` resource) by its resource name. */
export interface TemplateSource {
  template(em: EntityManager, processInstanceId: string, name: string): Promise<string | undefined>;
}

/**
 * Templates from deployment_resources. A case uses the template that was deployed with its process: a
 * template changed later must not change the letters of cases already running on the old process version.
 *
 * "Deployed with its process" is the newest deployment that holds both the template and the BPMN text of
 * the case's process definition. That is the definition's own deployment, or a later one that deployed the
 * same BPMN again (it kept its version, since the content was identical) together with a changed template:
 * without this, changing only a template would never reach the cases of a process that did not change.
 * A template that no such deployment holds is taken from the newest deployment that has it at all, so a
 * shared template may be deployed on its own.
 */
export function deployedTemplates(): TemplateSource {
  return {
    async template(em, processInstanceId, name) {
      const withProcess: { content: string }[] = await em.query(
        `SELECT r.content FROM deployment_resources r
           JOIN deployments d ON d.id = r.deployment_id
          WHERE r.kind = 'template' AND r.name = $2
            AND EXISTS (
              SELECT 1 FROM process_instances i
                JOIN process_definitions p ON p.id = i.definition_id
                JOIN deployment_resources b ON b.deployment_id = r.deployment_id AND b.kind = 'bpmn' AND b.content = p.xml
               WHERE i.id = $1)
          ORDER BY d.created_at DESC, d.id DESC
          LIMIT 1`,
        [processInstanceId, name],
      );
      if (withProcess[0]) return withProcess[0].content;
      const latest: { content: string }[] = await em.query(
        `SELECT r.content FROM deployment_resources r
           JOIN deployments d ON d.id = r.deployment_id
          WHERE r.kind = 'template' AND r.name = $1
          ORDER BY d.created_at DESC, d.id DESC
          LIMIT 1`,
        [name],
      );
      return latest[0]?.content;
    },
  };
}

/**
 * `html`: values are HTML-escaped, as Handlebars does by default (mail bodies). `plain`: values go in as
 * they are (mail subjects, URLs whose values the caller encoded itself).
 */
export type TemplateMode = 'html' | 'plain';

export type RenderTemplate = (variables: object) => string;

// Our own environment, so helpers registered on the global Handlebars elsewhere cannot reach templates.
const handlebars = Handlebars.create();

const DAY_IN_WORDS = new Intl.DateTimeFormat('nl-BE', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: LOKET_ZONE });

/**
 * `{{datum geplandeDatum}}` → "vrijdag 11 december 2026": a date (2026-12-11) or a moment as a letter writes
 * it, on the day it is in Brussels. Anything else is left as it is, so a mistyped field still shows.
 */
export function dateInWords(value: unknown): string {
  if (typeof value !== 'string') return value === undefined || value === null ? '' : String(value);
  const moment = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T12:00:00Z`) : Date.parse(value);
  return Number.isNaN(moment) ? value : DAY_IN_WORDS.format(new Date(moment));
}
handlebars.registerHelper('datum', dateInWords);

// Compiling is what costs; the same text compiles to the same function, so the cache is keyed by content.
const compiled = new Map<string, RenderTemplate>();
const MAX_CACHED = 500;

/** A rendered subject as a mail header takes it: on one line, since a line break would start a new header. */
export function subjectLine(rendered: string): string {
  return rendered.replace(/[\r\n]+/g, ' ').trim();
}

/** The compiled template of this text; throws Handlebars' own error when the text is not a valid template. */
export function compileTemplate(content: string, mode: TemplateMode): RenderTemplate {
  const key = `${mode}:${createHash('sha256').update(content).digest('hex')}`;
  let render = compiled.get(key);
  if (!render) {
    // compile() is lazy: precompile first so a syntax error surfaces here, not at the first render.
    handlebars.precompile(content, { noEscape: mode === 'plain' });
    const template = handlebars.compile(content, { noEscape: mode === 'plain' });
    render = (variables) => template(variables);
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, render);
  }
  return render;
}

/** The problem with a template's text, if any: Handlebars' parser message and, where it says, the line. */
export function templateProblem(content: string): { message: string; line?: number } | undefined {
  try {
    handlebars.precompile(content);
    return undefined;
  } catch (err) {
    const error = err as Error & { lineNumber?: number };
    const message = error.message ?? String(err);
    const line = error.lineNumber ?? Number(/on line (\d+)/.exec(message)?.[1] ?? NaN);
    return Number.isInteger(line) && line > 0 ? { message, line } : { message };
  }
}
