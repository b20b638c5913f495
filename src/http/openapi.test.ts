// The OpenAPI document: 3.1, and every route registered under /api/v1 described with tags, a summary, its
// path parameters and (for writes) its request body, generated from the same zod schemas that validate.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { listApiRoutes } from './api/api.routes.js';
import { json, openApiHarness, type ApiHarness } from './api/testing/api-harness.js';

interface Operation {
  tags?: string[];
  summary?: string;
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: {
    content: Record<string, { schema: { properties?: Record<string, unknown>; required?: string[] } }>;
  };
}
interface OpenApi {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { securitySchemes?: Record<string, unknown> };
}

let h: ApiHarness;
let doc: OpenApi;

before(async () => {
  h = await openApiHarness();
  const res = await h.app.inject({ url: '/api/v1/openapi.json' });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /^application\/json/);
  doc = json<OpenApi>(res);
});
after(async () => {
  await h.close();
});

const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describe('OpenAPI document', () => {
  test('should be OpenAPI 3.1 with bearer and session security schemes', () => {
    assert.match(doc.openapi, /^3\.1\.\d+$/);
    assert.equal(doc.info.title, 'Victim Care API');
    assert.deepEqual(Object.keys(doc.components?.securitySchemes ?? {}).sort(), ['bearer', 'session']);
  });

  test('should document every registered /api/v1 route with tags, a summary, its path parameters and its body', () => {
    const routes = listApiRoutes(h.app).filter((r) => r.url !== '/api/v1/openapi.json');
    assert.ok(routes.length >= 25, `only ${routes.length} routes registered`);
    const problems: string[] = [];
    for (const route of routes) {
      const op = doc.paths[toOpenApiPath(route.url)]?.[route.method.toLowerCase()];
      const name = `${route.method} ${route.url}`;
      if (!op) {
        problems.push(`${name}: not documented`);
        continue;
      }
      if (!op.tags?.length) problems.push(`${name}: no tags`);
      if (!op.summary) problems.push(`${name}: no summary`);
      for (const param of route.url.match(/:(\w+)/g) ?? []) {
        if (!op.parameters?.some((p) => p.in === 'path' && p.name === param.slice(1) && p.required)) {
          problems.push(`${name}: path parameter ${param} undocumented`);
        }
      }
      const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method) && !/\/deactivate$/.test(route.url);
      if (hasBody && !op.requestBody?.content['application/json']) {
        problems.push(`${name}: request body undocumented`);
      }
    }
    assert.deepEqual(problems, []);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const registered = routes.map((r) => `${r.method} ${toOpenApiPath(r.url)}`);
    assert.deepEqual(
      documented.filter((d) => !registered.includes(d)),
      [],
      'documented operations that do not exist',
    );
  });

  test('should describe query parameters and body fields from the zod schemas', () => {
    const mine = doc.paths['/api/v1/worklists/mine']?.get;
    assert.deepEqual(
      mine?.parameters
        ?.filter((p) => p.in === 'query')
        .map((p) => p.name)
        .sort(),
      ['bucket', 'direction', 'limit', 'offset', 'sort', 'teamId'],
    );
    const reads = doc.paths['/api/v1/investigations/{id}']?.get;
    assert.ok(reads?.parameters?.some((p) => p.in === 'query' && p.name === 'reason'));
    const create = doc.paths['/api/v1/admin/users']?.post?.requestBody?.content['application/json']?.schema;
    assert.deepEqual(Object.keys(create?.properties ?? {}).sort(), [
      'displayName',
      'email',
      'password',
      'role',
      'teamId',
      'username',
    ]);
    assert.deepEqual([...(create?.required ?? [])].sort(), ['displayName', 'password', 'role', 'username']);
  });
});
