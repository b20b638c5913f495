import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NAVIGATION_SECTIONS, WEB_ROLES, navigation } from './navigation.js';

const texts = (role: string | undefined): string[] => navigation(role, '/').map((i) => i.text);

describe('navigation', () => {
  it('should give each role its sections in a fixed order', () => {
    assert.deepEqual(texts('officer'), ['My worklist', 'Breaches', 'Search']);
    assert.deepEqual(texts('supervisor'), ['My worklist', 'Team', 'Compliance', 'Breaches', 'Search']);
    assert.deepEqual(texts('imu'), ['IMU queue', 'Search']);
    assert.deepEqual(texts('vwcu'), ['VWCU queue', 'Search']);
    assert.deepEqual(texts('compliance'), ['Compliance', 'Breaches', 'Search']);
    assert.deepEqual(texts('admin'), ['Compliance', 'Breaches', 'Search', 'Admin']);
  });

  it('should give no items when signed out or for an unknown role', () => {
    assert.deepEqual(navigation(undefined, '/worklist'), []);
    assert.deepEqual(navigation(null, '/worklist'), []);
    assert.deepEqual(navigation('superuser', '/admin'), []);
  });

  it('should mark the exact page as current and a page inside a section as active', () => {
    const onWorklist = navigation('supervisor', '/worklist');
    assert.deepEqual(onWorklist[0], { text: 'My worklist', href: '/worklist', current: true });
    assert.deepEqual(onWorklist[1], { text: 'Team', href: '/team' });

    const inTeam = navigation('supervisor', '/team/officers/123?sort=due#x');
    assert.deepEqual(inTeam[1], { text: 'Team', href: '/team', active: true });
    assert.equal(inTeam.filter((i) => i.current || i.active).length, 1);
  });

  it('should ignore a query string and a trailing slash on the current path', () => {
    const search = (path: string) => navigation('officer', path).find((i) => i.text === 'Search');
    assert.equal(search('/search?q=KE-123')?.current, true);
    assert.equal(search('/search/')?.current, true);
  });

  it('should not treat a path that only starts with the same letters as inside the section', () => {
    const items = navigation('admin', '/administrators');
    assert.equal(
      items.some((i) => i.current || i.active),
      false,
    );
  });

  it('should give every role at least one section and every section at least one role', () => {
    for (const role of WEB_ROLES) assert.ok(navigation(role, '/').length > 0, role);
    for (const section of NAVIGATION_SECTIONS) assert.ok(section.roles.length > 0, section.text);
  });
});
