import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Response } from 'express';
import Handlebars from 'handlebars';
import { PAGE_VIEWS_DIR } from '../config.js';
import { texts } from './texts.js';

/** The logged-in user as the layout shows them. */
export interface PageUser {
  displayName: string;
  departments: string[];
  canModel: boolean;
  canWork: boolean;
  inCollege: boolean;
  isAdmin: boolean;
}

export interface PageContext {
  title: string;
  user?: PageUser;
  csrf?: string;
  [key: string]: unknown;
}

/**
 * The handlebars views in server/src/pages/views, compiled once. Each view wraps itself in the layout
 * (`{{#> layout}}…{{/layout}}`), so the layout takes the page as a partial block and no output is ever
 * unescaped: {{{ }}} appears nowhere.
 */
export class Views {
  private readonly handlebars = Handlebars.create();
  private readonly views = new Map<string, Handlebars.TemplateDelegate>();

  constructor(folder = PAGE_VIEWS_DIR) {
    this.handlebars.registerHelper('json', (value: unknown) => JSON.stringify(value));
    this.handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.handlebars.registerHelper('or', (a: unknown, b: unknown) => a || b);
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.hbs'))) {
      const source = readFileSync(join(folder, file), 'utf8');
      const name = basename(file, '.hbs');
      if (name.startsWith('_')) this.handlebars.registerPartial(name.slice(1), source);
      else this.views.set(name, this.handlebars.compile(source, { strict: false, noEscape: false }));
    }
  }

  html(view: string, context: PageContext): string {
    const template = this.views.get(view);
    if (!template) throw new Error(`no page view named ${view}`);
    return template({ t: texts, ...context });
  }

  send(res: Response, view: string, context: PageContext, status = 200): void {
    res.status(status).type('html').set('cache-control', 'no-store').send(this.html(view, context));
  }
}
