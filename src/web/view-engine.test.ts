import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createViewEngine } from './view-engine.js';

const env = createViewEngine({ forceName: 'Kent Police' });

describe('createViewEngine', () => {
  it('should escape output by default', () => {
    assert.equal(env.renderString('{{ x }}', { x: '<b>' }), '&lt;b&gt;');
  });

  it('should offer the date filters', () => {
    const out = env.renderString('{{ d | londonDate }}|{{ t | londonDateTime }}|{{ t | isoDate }}', {
      d: '2026-11-28',
      t: '2026-11-28T14:05:00Z',
    });
    assert.equal(out, '28 November 2026|28 Nov 2026, 14:05|2026-11-28');
  });

  it('should have the force and service names as globals', () => {
    assert.equal(env.renderString('{{ serviceName }} – {{ forceName }}', {}), 'Victim Care – Kent Police');
  });

  it('should render the MoJ timeline with both of its date filters', () => {
    const html = env.renderString(
      `{% from "moj/components/timeline/macro.njk" import mojTimeline %}{{ mojTimeline({ items: items }) }}`,
      {
        items: [
          {
            label: { text: 'Contacted' },
            text: 'Phoned',
            datetime: { timestamp: '2026-07-04T13:05:00Z', type: 'datetime' },
          },
          {
            label: { text: 'Letter sent' },
            text: 'Posted',
            datetime: { timestamp: '2026-07-05T08:00:00Z', format: 'D MMM YYYY, HH:mm' },
          },
        ],
      },
    );
    assert.match(html, /<time datetime="2026-07-04T13:05:00Z">4 July 2026 at 2:05pm<\/time>/);
    assert.match(html, /<time datetime="2026-07-05T08:00:00Z">5 Jul 2026, 09:00<\/time>/);
  });

  it('should render each obligation status as a tag with words, not colour alone', () => {
    const tag = (status: string): string =>
      env
        .renderString('{% from "partials/status-tag.njk" import appStatusTag %}{{ appStatusTag(s) }}', {
          s: status,
        })
        .replace(/\s+/g, ' ')
        .trim();
    assert.equal(tag('overdue'), '<strong class="govuk-tag govuk-tag--red"> Overdue </strong>');
    assert.equal(tag('due'), '<strong class="govuk-tag"> Due </strong>');
    assert.equal(tag('met'), '<strong class="govuk-tag govuk-tag--green"> Done on time </strong>');
    assert.equal(tag('met-late'), '<strong class="govuk-tag govuk-tag--orange"> Done late </strong>');
    assert.equal(tag('not-required'), '<strong class="govuk-tag govuk-tag--grey"> Not required </strong>');
  });

  it('should render an error summary linking to each field and keep typed values with inline errors', () => {
    const html = env.renderString(
      `{% from "partials/error-summary.njk" import appErrorSummary, appInput, appPasswordInput %}
       {{ appErrorSummary(errors, { dateOfBirth: "dateOfBirth-day" }) }}
       {{ appInput({ name: "crimeReference", label: { text: "Crime reference" } }, errors, values) }}
       {{ appPasswordInput({ name: "password", label: { text: "Password" } }, errors) }}`,
      {
        errors: {
          crimeReference: 'Enter a crime reference like 46/12345/26',
          dateOfBirth: 'Enter a real date',
          password: 'Enter your password',
        },
        values: { crimeReference: '46/<b>', password: 'secret' },
      },
    );
    assert.match(html, /There is a problem/);
    assert.match(html, /<a href="#crimeReference">Enter a crime reference like 46\/12345\/26<\/a>/);
    assert.match(html, /<a href="#dateOfBirth-day">Enter a real date<\/a>/);
    assert.match(html, /id="crimeReference-error"/);
    assert.match(
      html,
      /class="govuk-input govuk-input--error" id="crimeReference" name="crimeReference" type="text" value="46\/&lt;b&gt;"/,
    );
    assert.match(html, /id="password-error"/);
    assert.doesNotMatch(html, /secret/);
  });

  it('should render no error summary when there are no errors', () => {
    const html = env.renderString(
      `{% from "partials/error-summary.njk" import appErrorSummary %}[{{ appErrorSummary(errors) }}]`,
      { errors: {} },
    );
    assert.equal(html.trim(), '[]');
  });
});
