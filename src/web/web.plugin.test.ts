import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildWebTestApp } from './web-test-app.js';

let app: FastifyInstance;

before(async () => {
  app = await buildWebTestApp();
  await app.ready();
});

after(async () => {
  await app.close();
});

function scriptSrcNonce(csp: string): string {
  const match = /script-src 'self' 'nonce-([^']+)'/.exec(csp);
  assert.ok(match?.[1], `no script-src nonce in CSP: ${csp}`);
  return match[1];
}

describe('web plugin', () => {
  it('should render the sign-in page with the force name and no crown', async () => {
    const res = await app.inject({ url: '/sign-in' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.match(res.body, /<html lang="en-GB"/);
    assert.match(res.body, /<title>Sign in – Victim Care – Kent Police<\/title>/);
    assert.match(res.body, /class="govuk-generic-header"/);
    assert.match(res.body, /<span class="app-header__force-name">Kent Police<\/span>/);
    assert.match(res.body, /govuk-service-navigation__service-name/);
    assert.match(res.body, /href="#main-content" class="govuk-skip-link"/);
    assert.match(res.body, /<input type="hidden" name="_csrf" value="test-csrf-token">/);
    // Not GOV.UK: no crown, no GOV.UK logo, no OGL, no Crown copyright
    assert.doesNotMatch(res.body, /govuk-header__|govuk-logo|crown|Open Government Licence|GOV\.UK/i);
    assert.match(res.body, /href="\/accessibility">Accessibility statement/);
    assert.match(res.body, /href="\/privacy">Privacy notice/);
    assert.match(res.body, /href="\/help">Help/);
  });

  it('should send a strict CSP whose nonce is on every script tag and changes per request', async () => {
    const res = await app.inject({ url: '/sign-in' });
    const csp = String(res.headers['content-security-policy']);
    const nonce = scriptSrcNonce(csp);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.match(csp, /img-src 'self' data:/);
    assert.match(csp, /object-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);

    const scripts = [...res.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 2, scripts.join('\n'));
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), `${tag} lacks nonce ${nonce}`);
    assert.ok(
      scripts.some((tag) => tag.includes('type="module"') && tag.includes('src="/assets/js/application.js"')),
    );
    assert.doesNotMatch(res.body, /\sstyle="/);

    const again = await app.inject({ url: '/sign-in' });
    assert.notEqual(scriptSrcNonce(String(again.headers['content-security-policy'])), nonce);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  it('should show form errors in a summary and inline, keeping the username but not the password', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=jbloggs&password=',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<title>Error: Sign in – Victim Care – Kent Police<\/title>/);
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, /<a href="#password">Enter your password<\/a>/);
    assert.match(res.body, /id="password-error"/);
    assert.match(res.body, /name="username" type="text"[^>]* value="jbloggs"/);
  });

  it('should render the 403, 404 and 500 pages with their status', async () => {
    const forbidden = await app.inject({ url: '/records/forbidden' });
    assert.equal(forbidden.statusCode, 403);
    assert.match(forbidden.body, /<h1 class="govuk-heading-l">You do not have access to this record<\/h1>/);

    const missing = await app.inject({ url: '/no-such-page' });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /<h1 class="govuk-heading-l">Page not found<\/h1>/);
    assert.ok(missing.headers['content-security-policy']);

    const broken = await app.inject({ url: '/broken' });
    assert.equal(broken.statusCode, 500);
    assert.match(broken.body, /<h1 class="govuk-heading-l">Sorry, there is a problem with the service<\/h1>/);
    assert.doesNotMatch(broken.body, /deliberate failure/);
  });

  it('should show the signed-in user, a sign-out form and the navigation for their role', async () => {
    const res = await app.inject({
      url: '/team/officers',
      headers: { 'x-test-user': 'PS Alex Smith|supervisor' },
    });
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /Signed in as <strong>PS Alex Smith<\/strong>/);
    assert.match(
      res.body,
      /<form class="app-service-navigation__sign-out" method="post" action="\/sign-out">/,
    );
    for (const text of ['My worklist', 'Team', 'Compliance', 'Search']) {
      assert.match(res.body, new RegExp(`>\\s*${text}\\s*<`));
    }
    assert.doesNotMatch(res.body, /IMU queue|VWCU queue|>\s*Admin\s*</);
    assert.match(res.body, /href="\/team"\s+aria-current="true"/);

    const worklist = await app.inject({
      url: '/worklist',
      headers: { 'x-test-user': 'PC Jo Bloggs|officer' },
    });
    assert.match(worklist.body, /href="\/worklist"\s+aria-current="page"/);
  });

  it('should escape user-supplied text', async () => {
    const res = await app.inject({
      url: '/sign-in',
      headers: { 'x-test-user': '<script>x</script>|officer' },
    });
    assert.match(res.body, /Signed in as <strong>&lt;script&gt;x&lt;\/script&gt;<\/strong>/);
  });

  it('should serve the stylesheet, the frontend bundles, images and fonts, and nothing else from the source folder', async () => {
    const page = await app.inject({ url: '/sign-in' });
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page.body)?.[1];
    assert.ok(href);
    const css = await app.inject({ url: href });
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type']), /^text\/css/);
    assert.match(String(css.headers['cache-control']), /immutable/);
    assert.match(css.body, /\.govuk-button\{/);
    assert.match(css.body, /\.moj-timeline\{/);
    assert.match(css.body, /\.app-header__force-name\{/);
    assert.doesNotMatch(css.body, /GDS Transport/);

    for (const url of [
      '/assets/js/application.js',
      '/assets/js/govuk-frontend.min.js',
      '/assets/js/moj-frontend.min.js',
      '/assets/images/icon-document.svg',
      '/assets/images/favicon.ico',
      '/assets/fonts/bold-b542beb274-v2.woff2',
      '/assets/app/favicon.svg',
    ]) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 200, url);
    }
    const js = await app.inject({ url: '/assets/js/application.js' });
    assert.match(String(js.headers['content-type']), /javascript/);

    for (const url of [
      '/assets/js/build-assets.ts',
      '/assets/js/application.scss',
      '/assets/js/../../package.json',
      '/assets/package.json',
    ]) {
      const res = await app.inject({ url });
      assert.equal(res.statusCode, 404, url);
    }
  });
});
