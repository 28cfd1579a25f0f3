import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALLOW_ALL, DISALLOW_ALL, isAllowedByRobots, normalizePath, parseRobots, patternMatches } from '../src/ingest/fetch/robots.js';

const allowed = (robots: string, path: string, agent = 'whosaid'): boolean => isAllowedByRobots(parseRobots(robots, agent), `https://news.example${path}`);

test('the group naming our product token applies instead of the * group, matched case-insensitively', () => {
  const robots = ['User-agent: *', 'Disallow: /', '', 'User-agent: WhoSaid/1.0', 'Disallow: /private/'].join('\n');
  assert.equal(allowed(robots, '/news/story'), true);
  assert.equal(allowed(robots, '/private/x'), false);
  assert.equal(allowed(robots, '/news/story', 'otherbot'), false);
});

test('without a group for us, the * group applies; without either, everything is allowed', () => {
  assert.equal(allowed('User-agent: *\nDisallow: /search', '/search?q=x'), false);
  assert.equal(allowed('User-agent: *\nDisallow: /search', '/news'), true);
  assert.equal(allowed('User-agent: googlebot\nDisallow: /', '/news'), true);
  assert.equal(allowed('', '/anything'), true);
});

test('consecutive user-agent lines share a group, and groups for the same agent are merged', () => {
  const robots = ['User-agent: a-bot', 'User-agent: whosaid', 'Disallow: /one', '', 'User-agent: whosaid', 'Disallow: /two'].join('\r\n');
  assert.equal(allowed(robots, '/one'), false);
  assert.equal(allowed(robots, '/two'), false);
  assert.equal(allowed(robots, '/three'), true);
  assert.equal(allowed(robots, '/one', 'a-bot'), false);
  assert.equal(allowed(robots, '/two', 'a-bot'), true);
});

test('the longest matching rule wins, and allow wins a tie', () => {
  const robots = ['User-agent: *', 'Disallow: /news/', 'Allow: /news/public/', 'Disallow: /news/public/draft', 'Allow: /page', 'Disallow: /page'].join('\n');
  assert.equal(allowed(robots, '/news/x'), false);
  assert.equal(allowed(robots, '/news/public/story'), true);
  assert.equal(allowed(robots, '/news/public/drafts/1'), false);
  assert.equal(allowed(robots, '/page'), true);
});

test('* matches any run of characters and $ anchors the end', () => {
  const robots = ['User-agent: *', 'Disallow: /*.pdf$', 'Disallow: /*/print', 'Disallow: /tmp$'].join('\n');
  assert.equal(allowed(robots, '/files/report.pdf'), false);
  assert.equal(allowed(robots, '/files/report.pdf?download=1'), true);
  assert.equal(allowed(robots, '/2024/05/story/print'), false);
  assert.equal(allowed(robots, '/print'), true);
  assert.equal(allowed(robots, '/tmp'), false);
  assert.equal(allowed(robots, '/tmp/file'), true);
  assert.equal(patternMatches('/a*b*c', '/a-x-b-y-c'), true);
  assert.equal(patternMatches('/a*b*c', '/a-x-c-y-b'), false);
  assert.equal(patternMatches('/a*c$', '/abcabc'), true);
  assert.equal(patternMatches('*', '/anything'), true);
});

test('an empty Disallow allows everything; comments, unknown lines and rules before any group are ignored', () => {
  const robots = ['Disallow: /orphan', '# a comment', 'User-agent: * # trailing comment', 'Disallow:', 'Sitemap: https://news.example/sitemap.xml', 'Nonsense line', 'Disallow: /x # not /y'].join('\n');
  assert.equal(allowed(robots, '/orphan'), true);
  assert.equal(allowed(robots, '/x'), false);
  assert.equal(allowed(robots, '/y'), true);
});

test('paths and patterns are compared in one percent-encoding', () => {
  assert.equal(normalizePath('/caf%c3%a9/%7euser'), '/caf%C3%A9/~user');
  assert.equal(normalizePath('/café'), '/caf%C3%A9');
  assert.equal(allowed('User-agent: *\nDisallow: /café', '/caf%C3%A9/story'), false);
  assert.equal(allowed('User-agent: *\nDisallow: /%7Euser', '/~user/page'), false);
});

test('/robots.txt itself is always allowed; the fixed verdicts mean what they say', () => {
  assert.equal(isAllowedByRobots(DISALLOW_ALL, 'https://news.example/robots.txt'), true);
  assert.equal(isAllowedByRobots(DISALLOW_ALL, 'https://news.example/'), false);
  assert.equal(isAllowedByRobots(ALLOW_ALL, 'https://news.example/any/thing'), true);
});

test('Crawl-delay is read for the applicable group only', () => {
  assert.equal(parseRobots('User-agent: *\nCrawl-delay: 2.5\nDisallow: /x', 'whosaid').crawlDelaySeconds, 2.5);
  assert.equal(parseRobots('User-agent: other\nCrawl-delay: 10\n\nUser-agent: *\nDisallow: /x', 'whosaid').crawlDelaySeconds, null);
  assert.equal(parseRobots('User-agent: *\nCrawl-delay: soon', 'whosaid').crawlDelaySeconds, null);
});
