import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalUrl } from '../src/store/canonical-url.js';

test('scheme and host are lower-cased, default ports, fragments and credentials dropped', () => {
  assert.equal(canonicalUrl('HTTPS://News.Example.COM:443/World/Story#comments'), 'https://news.example.com/World/Story');
  assert.equal(canonicalUrl('http://example.com:80/a'), 'http://example.com/a');
  assert.equal(canonicalUrl('http://example.com:8080/a'), 'http://example.com:8080/a');
  assert.equal(canonicalUrl('https://user:secret@example.com/a'), 'https://example.com/a');
  assert.equal(canonicalUrl('https://example.com./a'), 'https://example.com/a');
  assert.equal(canonicalUrl('https://example.com'), 'https://example.com/');
});

test('tracking parameters are dropped and the others sorted, kept as written', () => {
  assert.equal(
    canonicalUrl('https://example.com/story?utm_source=tw&b=2&fbclid=XYZ&a=1&UTM_Medium=social&gclid=1&mc_cid=9'),
    'https://example.com/story?a=1&b=2',
  );
  assert.equal(canonicalUrl('https://example.com/s?q=a+b&p=%20x'), 'https://example.com/s?p=%20x&q=a+b');
  // Repeated names keep their order: the server may read them as a list.
  assert.equal(canonicalUrl('https://example.com/s?tag=z&id=1&tag=a'), 'https://example.com/s?id=1&tag=z&tag=a');
  assert.equal(canonicalUrl('https://example.com/s?utm_campaign=x'), 'https://example.com/s');
  assert.equal(canonicalUrl('https://example.com/s?&&'), 'https://example.com/s');
});

test('paths, trailing slashes and www. are kept: they can name different resources', () => {
  assert.equal(canonicalUrl('https://example.com/a/'), 'https://example.com/a/');
  assert.notEqual(canonicalUrl('https://example.com/a/'), canonicalUrl('https://example.com/a'));
  assert.equal(canonicalUrl('https://www.example.com/a'), 'https://www.example.com/a');
  assert.equal(canonicalUrl('https://example.com/Case/Sensitive'), 'https://example.com/Case/Sensitive');
});

test('equivalent spellings meet, different pages do not', () => {
  const a = canonicalUrl('https://Example.com/news/1?id=7&utm_source=feed#top');
  const b = canonicalUrl('https://example.com:443/news/1?id=7');
  assert.equal(a, b);
  assert.notEqual(canonicalUrl('https://example.com/news/1?id=7'), canonicalUrl('https://example.com/news/1?id=8'));
});

test('anything but an absolute http(s) URL gives null', () => {
  for (const value of [null, '', '   ', 'example.com/a', 'ftp://example.com/a', 'mailto:a@example.com', 'file:///tmp/a.html', 'javascript:alert(1)', 'http://', 'https://[bad']) {
    assert.equal(canonicalUrl(value), null, String(value));
  }
  assert.equal(canonicalUrl(`https://example.com/${'a'.repeat(10_000)}`), null);
});
