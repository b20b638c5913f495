// The Nunjucks environment for the server-rendered pages. Templates are found in, in order:
//   src/web/views                             our layouts, partials and pages ("layouts/base.njk")
//   node_modules/govuk-frontend/dist          GOV.UK Frontend ("govuk/template.njk", "govuk/components/…")
//   node_modules/@ministryofjustice/frontend  MoJ Frontend ("moj/components/…")
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatDate, isoDate, londonDate, londonDateTime, mojDate } from './date-filters.js';
import { errorList, fieldError, fieldParams, hasErrors } from './form-errors.js';
import { obligationStatusTag } from './status-tag.js';

const require = createRequire(import.meta.url);

export const VIEWS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'views');

/** The installed package's root folder (follows npm's hoisting rather than guessing a path). */
export function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

export const GOVUK_FRONTEND_DIR = packageDir('govuk-frontend');
export const MOJ_FRONTEND_DIR = packageDir('@ministryofjustice/frontend');

export interface ViewEngineOptions {
  /** shown in the header and page titles, e.g. "Kent Police" */
  forceName: string;
  /** defaults to "Victim Care" */
  serviceName?: string;
  /** re-read templates on every render (development); default false */
  watch?: boolean;
}

export function createViewEngine({
  forceName,
  serviceName = 'Victim Care',
  watch = false,
}: ViewEngineOptions): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(
    [VIEWS_DIR, join(GOVUK_FRONTEND_DIR, 'dist'), MOJ_FRONTEND_DIR],
    { noCache: watch, watch: false },
  );
  const env = new nunjucks.Environment(loader, {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });

  env.addGlobal('forceName', forceName);
  env.addGlobal('serviceName', serviceName);

  env.addGlobal('errorList', errorList);
  env.addGlobal('fieldError', fieldError);
  env.addGlobal('hasErrors', hasErrors);
  env.addGlobal('obligationStatusTag', obligationStatusTag);
  env.addFilter('fieldParams', fieldParams);

  env.addFilter('londonDate', londonDate);
  env.addFilter('londonDateTime', londonDateTime);
  env.addFilter('isoDate', isoDate);
  // The MoJ timeline component calls `mojDate(type)` or `date(format)`.
  env.addFilter('mojDate', mojDate);
  env.addFilter('date', formatDate);

  return env;
}
