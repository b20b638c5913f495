// Helpers for GOV.UK form errors, used by views/partials/error-summary.njk. A route that rejects a form
// renders the page again with `errors` ({ field: message }, in the order the fields appear on the page)
// and `values` (what was typed, so nothing is lost).

export type FieldErrors = Readonly<Record<string, string>>;

export interface ErrorSummaryItem {
  text: string;
  href: string;
}

/** True when there is at least one error. */
export function hasErrors(errors: FieldErrors | null | undefined): boolean {
  return errors !== null && errors !== undefined && Object.keys(errors).length > 0;
}

/**
 * The error summary's list: one link per field, to `#<field>` or to the id given in `fieldIds` (for
 * components whose first input has another id, e.g. a date input's "-day" field or a radio's first option).
 */
export function errorList(
  errors: FieldErrors | null | undefined,
  fieldIds: Readonly<Record<string, string>> = {},
): ErrorSummaryItem[] {
  if (!errors) return [];
  return Object.entries(errors).map(([field, text]) => ({ text, href: `#${fieldIds[field] ?? field}` }));
}

/** The `errorMessage` option for a GOV.UK component: `{ text }` when the field has an error, else undefined. */
export function fieldError(
  errors: FieldErrors | null | undefined,
  field: string,
): { text: string } | undefined {
  const text = errors?.[field];
  return text === undefined || text === '' ? undefined : { text };
}

/**
 * Completes a GOV.UK input/textarea macro's params from the form state: `id` defaults to `name`, the
 * field's error becomes `errorMessage`, and the kept value becomes `value` (unless params set one).
 */
export function fieldParams(
  params: Readonly<Record<string, unknown>>,
  errors: FieldErrors | null | undefined,
  values: Readonly<Record<string, unknown>> | null | undefined,
): Record<string, unknown> {
  const name = typeof params['name'] === 'string' ? params['name'] : '';
  const out: Record<string, unknown> = { ...params, id: params['id'] ?? name };
  const error = fieldError(errors, name);
  if (error && params['errorMessage'] === undefined) out['errorMessage'] = error;
  const kept = values?.[name];
  if (params['value'] === undefined && kept !== undefined && kept !== null) out['value'] = String(kept);
  return out;
}
