import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHtml } from '../src/extract/html/parse.js';
import { readHtmlMetadata, primaryLanguage } from '../src/extract/metadata/index.js';
import { cleanAuthors, namesFromByline } from '../src/extract/metadata/authors.js';
import { chooseTitle, stripSiteFromTitle } from '../src/extract/metadata/title.js';
import { guessLanguage } from '../src/extract/metadata/language.js';
import { parseJsonLoosely } from '../src/extract/metadata/sources/json-ld.js';
import { urlDateCandidates, siteFromUrl } from '../src/extract/metadata/sources/url.js';

const reference = new Date('2021-06-01T00:00:00Z');
function read(html: string, url?: string) {
  return readHtmlMetadata(parseHtml(html).document, { url, reference });
}
function page(head: string, body = ''): string {
  return `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
}

test('meta tags: Open Graph, article:*, Parse.ly, keywords, with provenance', () => {
  const meta = read(
    page(`
      <title>Council approves budget | Daily Planet</title>
      <meta property="og:title" content="Council approves budget">
      <meta property="og:site_name" content="Daily Planet">
      <meta property="article:published_time" content="2021-04-12T11:46:00+02:00">
      <meta property="article:modified_time" content="2021-04-13T08:00:00+02:00">
      <meta name="author" content="Lois Lane">
      <meta property="article:tag" content="Budget">
      <meta name="keywords" content="city hall, budget, taxes">
      <meta name="parsely-pub-date" content="2021-04-12T09:46:00Z">`),
  );
  assert.equal(meta.title, 'Council approves budget');
  assert.equal(meta.site, 'Daily Planet');
  assert.deepEqual(meta.authors, ['Lois Lane']);
  assert.equal(meta.published.stated, '2021-04-12T11:46:00+02:00');
  assert.equal(meta.published.source, 'meta');
  assert.equal(meta.published.precision, 'datetime');
  assert.equal(meta.modified?.stated, '2021-04-13T08:00:00+02:00');
  assert.deepEqual(meta.tags, ['Budget', 'city hall', 'taxes']);
  assert.deepEqual(meta.provenance, { title: 'meta', authors: 'meta', site: 'meta', language: null });
  const details = meta.published.candidates?.map((c) => `${c.kind}:${c.detail}`) ?? [];
  assert.ok(details.includes('published:article:published_time'));
  assert.ok(details.includes('published:parsely-pub-date'));
  assert.ok(details.includes('modified:article:modified_time'));
});

test('JSON-LD @graph: the Article node gives headline, authors, dates; the publisher names the site', () => {
  const graph = {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebSite', name: 'Example News' },
      { '@type': 'WebPage', datePublished: '2020-01-01T00:00:00Z', name: 'Page' },
      {
        '@type': 'NewsArticle',
        headline: 'Bridge reopens after repairs',
        datePublished: '2021-04-12T11:46:00Z',
        dateModified: '2021-04-12T15:00:00Z',
        author: [{ '@type': 'Person', name: 'Jane Doe' }, { '@type': 'Person', givenName: 'John', familyName: 'Roe' }],
        publisher: { '@type': 'Organization', name: 'Example News', logo: { '@type': 'ImageObject', url: 'x' } },
        keywords: ['bridges', 'transport'],
        inLanguage: 'en-GB',
      },
    ],
  };
  const meta = read(page(`<script type="application/ld+json">${JSON.stringify(graph)}</script>`));
  assert.equal(meta.title, 'Bridge reopens after repairs');
  assert.deepEqual(meta.authors, ['Jane Doe', 'John Roe']);
  assert.equal(meta.site, 'Example News');
  assert.equal(meta.language, 'en');
  assert.equal(meta.published.stated, '2021-04-12T11:46:00Z');
  assert.equal(meta.published.source, 'json-ld');
  assert.equal(meta.modified?.stated, '2021-04-12T15:00:00Z');
  assert.deepEqual(meta.tags, ['bridges', 'transport']);
  assert.equal(meta.provenance.authors, 'json-ld');
  const webPage = meta.published.candidates?.find((c) => c.detail === 'WebPage.datePublished');
  assert.equal(webPage?.value, '2020-01-01T00:00:00Z', 'the WebPage date stays among the candidates');
});

test('JSON-LD that is broken in the usual ways is still read', () => {
  assert.deepEqual(parseJsonLoosely('{"a": 1, "b": [1, 2,],}'), { a: 1, b: [1, 2] });
  assert.deepEqual(parseJsonLoosely('<!-- {"a": "x"} -->'), { a: 'x' });
  assert.deepEqual(parseJsonLoosely('{"a": "line one\nline two"}'), { a: 'line one line two' });
  assert.deepEqual(parseJsonLoosely('{"a": 1}{"b": 2}'), [{ a: 1 }, { b: 2 }]);
  assert.equal(parseJsonLoosely('{not json at all'), undefined);
  const meta = read(
    page(`<script type="application/ld+json">
      { "@type": "BlogPosting", "headline": "Trailing commas", "datePublished": "2021-03-02", "author": "Ann Lee", }
    </script><script type="application/ld+json">{{{ broken</script>`),
  );
  assert.equal(meta.published.stated, '2021-03-02');
  assert.deepEqual(meta.authors, ['Ann Lee']);
});

test('microdata on elements gives dates and authors', () => {
  const meta = read(
    page(
      '',
      `<article itemscope itemtype="https://schema.org/Article">
        <h1 itemprop="headline">Storm closes schools</h1>
        <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ann Lee</span></span>
        <meta itemprop="datePublished" content="2021-02-03T10:00:00Z">
      </article>`,
    ),
  );
  assert.deepEqual(meta.authors, ['Ann Lee']);
  assert.equal(meta.provenance.authors, 'microdata');
  assert.equal(meta.published.stated, '2021-02-03T10:00:00Z');
});

test('a <time> element marked as the publication date is used when no markup gives one', () => {
  const meta = read(
    page('', `<article><h1>Storm closes schools</h1><p class="meta"><time datetime="2021-02-03T10:00:00+01:00" pubdate>3 Feb</time></p><p>Text.</p></article>`),
  );
  assert.equal(meta.published.stated, '2021-02-03T10:00:00+01:00');
  assert.equal(meta.published.source, 'time-element');
});

test('bylines: rel=author, byline classes and "By …" written under the headline', () => {
  const relAuthor = read(page('', '<h1>Title here</h1><p>By <a rel="author" href="/a/jd">Jane Doe</a></p>'));
  assert.deepEqual(relAuthor.authors, ['Jane Doe']);
  assert.equal(relAuthor.provenance.authors, 'dom');

  const bylineClass = read(page('', '<h1>Title here</h1><div class="article-byline">By Jane Doe and John Roe | April 12, 2021</div>'));
  assert.deepEqual(bylineClass.authors, ['Jane Doe', 'John Roe']);

  const written = read(page('', '<h1>Title here</h1><div><p>Written by Ann Lee</p></div><p>Shop By Brand</p><p>The story.</p>'));
  assert.deepEqual(written.authors, ['Ann Lee']);

  const none = read(page('', '<h1>Title here</h1><p>Sort By</p><p>We were told by the mayor that it would open.</p>'));
  assert.deepEqual(none.authors, []);
});

test('URL dates: /yyyy/mm/dd/ and yyyymmdd in the path, never a bare year and month', () => {
  assert.equal(urlDateCandidates('https://example.com/2021/04/12/bridge-reopens/')[0]?.value, '2021-04-12');
  assert.equal(urlDateCandidates('https://example.com/news/20210412-bridge')[0]?.value, '2021-04-12');
  assert.equal(urlDateCandidates('https://example.com/2021/apr/12/bridge')[0]?.value, '2021-04-12');
  assert.deepEqual(urlDateCandidates('https://example.com/2021/04/bridge'), []);
  assert.deepEqual(urlDateCandidates('not a url'), []);
  const meta = read(page('<title>Bridge</title>'), 'https://www.example.com/2021/04/12/bridge/');
  assert.equal(meta.published.stated, '2021-04-12');
  assert.equal(meta.published.source, 'url');
  assert.equal(meta.site, 'example.com');
  assert.equal(meta.provenance.site, 'url');
  assert.equal(siteFromUrl('https://m.example.co.uk/x'), 'example.co.uk');
});

test('date priority: article markup beats generic meta date and URL; every candidate is kept with its kind', () => {
  const meta = read(
    page(
      `<meta name="date" content="2021-01-01">
       <script type="application/ld+json">{"@type":"NewsArticle","headline":"X","datePublished":"2021-04-10T08:00:00Z","dateModified":"2021-04-11T08:00:00Z"}</script>`,
      '<h1>X</h1><p>Body</p>',
    ),
    'https://example.com/2021/04/09/x/',
  );
  assert.equal(meta.published.stated, '2021-04-10T08:00:00Z');
  assert.equal(meta.published.source, 'json-ld');
  assert.equal(meta.published.raw, '2021-04-10T08:00:00Z');
  const kinds = new Map(meta.published.candidates?.map((c) => [c.detail, c.kind]));
  assert.equal(kinds.get('NewsArticle.datePublished'), 'published');
  assert.equal(kinds.get('NewsArticle.dateModified'), 'modified');
  assert.equal(kinds.get('date'), 'unknown');
  assert.equal(kinds.get('url /yyyy/mm/dd/'), 'published');
  assert.equal(meta.modified?.stated, '2021-04-11T08:00:00Z');
});

test('the date shown under the headline is taken when markup only dates the web page', () => {
  const meta = read(
    page(
      `<script type="application/ld+json">{"@type":"WebPage","datePublished":"2019-05-05T00:00:00Z"}</script>`,
      '<h1>Ten ways to save water</h1><p class="post-date">March 3, 2021</p><p>Body text.</p>',
    ),
  );
  assert.equal(meta.published.stated, '2021-03-03');
  assert.equal(meta.published.source, 'dom');
  assert.equal(meta.published.precision, 'date');
});

test('a web page date alone is not reported as the publication date', () => {
  const meta = read(page(`<script type="application/ld+json">{"@type":"WebPage","datePublished":"2019-05-05T00:00:00Z"}</script>`, '<h1>Our services</h1>'));
  assert.equal(meta.published.stated, null);
  assert.equal(meta.published.candidates?.length, 1);
});

test('a product page does not get a publication date from its markup', () => {
  const meta = read(
    page(
      `<meta property="og:type" content="product"><meta property="article:published_time" content="2020-02-02T00:00:00Z">`,
      '<h1>Blue kettle</h1><p>Boils water.</p>',
    ),
  );
  assert.equal(meta.published.stated, null);
});

test('contradictory meta tags: the first of the strongest kind wins, the rest stay candidates', () => {
  const meta = read(
    page(`<meta property="article:published_time" content="2021-04-12T10:00:00Z">
          <meta property="article:published_time" content="2019-01-01T10:00:00Z">
          <meta property="og:title" content="First"><meta property="og:title" content="Second">`),
  );
  assert.equal(meta.published.stated, '2021-04-12T10:00:00Z');
  assert.equal(meta.title, 'First');
  assert.equal(meta.published.candidates?.filter((c) => c.detail === 'article:published_time').length, 2);
});

test('authors: cues, separators, credentials, e-mails, URLs, generic names and the site name are cleaned', () => {
  assert.deepEqual(namesFromByline('By Jane Doe, John Roe and Ann Lee | Updated April 12, 2021'), ['Jane Doe', 'John Roe', 'Ann Lee']);
  assert.deepEqual(namesFromByline('Dylan Bailey, MS, RD, FAND'), ['Dylan Bailey']);
  assert.deepEqual(namesFromByline('Von Anna Müller und Jens Berg'), ['Anna Müller', 'Jens Berg']);
  assert.deepEqual(namesFromByline('jane@example.com'), []);
  assert.deepEqual(namesFromByline('https://www.facebook.com/janedoe'), []);
  assert.deepEqual(namesFromByline('Staff'), []);
  assert.deepEqual(namesFromByline('Daily Planet', { siteNames: ['Daily Planet'] }), []);
  assert.deepEqual(namesFromByline('Kristian Larsen', { siteNames: ['Kristian Larsen'] }), ['Kristian Larsen'], 'a personal site keeps its author');
  assert.deepEqual(namesFromByline('ByTrevor Jones'), ['Trevor Jones']);
  assert.deepEqual(namesFromByline('Jane says:'), [], 'a comment signature is not a byline');
  assert.deepEqual(namesFromByline('view all posts by the author of this site'), []);
  assert.deepEqual(cleanAuthors(['Smith', 'Jane Smith', 'JANE SMITH', 'John Roe']), ['Jane Smith', 'John Roe']);
});

test('titles: site names are stripped from <title>, and a headline agreeing with it is preferred', () => {
  assert.equal(stripSiteFromTitle('Council approves budget | Daily Planet', ['Daily Planet']), 'Council approves budget');
  assert.equal(stripSiteFromTitle('Daily Planet - Council approves budget', ['Daily Planet']), 'Council approves budget');
  assert.equal(stripSiteFromTitle('Council approves budget | The Planet', []), 'Council approves budget');
  assert.equal(stripSiteFromTitle('Cats - a history - of the cats and the dogs they chased', ['Other']), 'Cats - a history - of the cats and the dogs they chased');
  assert.equal(stripSiteFromTitle('| Nuts & Bolts Magazine', []), 'Nuts & Bolts Magazine');
  assert.equal(stripSiteFromTitle('Plain title', ['Site']), 'Plain title');
  const choice = chooseTitle({
    ogTitle: 'Council approves budget - Daily Planet',
    headline: null,
    otherMeta: null,
    h1: ['Council approves 2021 budget'],
    siteHeaderH1: ['Daily Planet'],
    titleTag: 'Council approves budget | Daily Planet',
    siteNames: ['Daily Planet'],
  });
  assert.deepEqual(choice, { title: 'Council approves 2021 budget', from: 'h1' });
  assert.deepEqual(chooseTitle({ ogTitle: null, headline: null, otherMeta: null, h1: [], titleTag: 'Only | Site', siteNames: ['Site'] }), {
    title: 'Only',
    from: 'title',
  });
});

test('the h1 in a site banner is not taken for the headline', () => {
  const meta = read(
    page('<title>Storm closes schools – Daily Planet</title>', '<div class="site-header"><h1>Daily Planet</h1></div><div><p>Storm closes schools</p></div>'),
    'https://dailyplanet.example/storm',
  );
  assert.equal(meta.title, 'Storm closes schools');
});

test('language: <html lang>, Content-Language, og:locale, else a guess from the text', () => {
  assert.equal(read('<html lang="en-US"><head></head><body></body></html>').language, 'en');
  assert.equal(read(page('<meta http-equiv="content-language" content="de-DE">')).language, 'de');
  const locale = read(page('<meta property="og:locale" content="fr_FR">'));
  assert.equal(locale.language, 'fr');
  assert.equal(locale.provenance.language, 'meta');
  const guessed = read(page('', '<h1>Le conseil adopte le budget</h1><p>Le conseil municipal a adopté lundi le budget de la ville pour les deux années qui viennent, avec le soutien de la majorité.</p>'));
  assert.equal(guessed.language, 'fr');
  assert.equal(guessed.provenance.language, 'text');
  assert.equal(primaryLanguage('x-default'), null);
  assert.equal(primaryLanguage('pt_BR'), 'pt');
});

test('guessLanguage names common languages and says null when unsure', () => {
  assert.equal(guessLanguage('The mayor said that the bridge would be open to traffic by the end of the month.'), 'en');
  assert.equal(guessLanguage('Der Bürgermeister sagte, dass die Brücke bis Ende des Monats für den Verkehr geöffnet wird.'), 'de');
  assert.equal(guessLanguage('El alcalde dijo que el puente estará abierto al tráfico a finales de mes y que no habrá cortes.'), 'es');
  assert.equal(guessLanguage('De burgemeester zei dat de brug aan het einde van de maand weer open is voor het verkeer.'), 'nl');
  assert.equal(guessLanguage('Мэр заявил, что мост будет открыт для движения к концу месяца и что это не последний.'), 'ru');
  assert.equal(guessLanguage('東京で新しい橋が開通しました。'), 'ja');
  assert.equal(guessLanguage('ok'), null);
  assert.equal(guessLanguage('1234 5678 !!!'), null);
});

test('a shown day takes its time from a structured timestamp of the same day', () => {
  const meta = read(
    page('<meta property="article:published_time" content="2021-04-12T11:46:00+02:00">', '<h1>Storm</h1><div class="date">April 12, 2021</div><p>Body.</p>'),
  );
  assert.equal(meta.published.stated, '2021-04-12T11:46:00+02:00');
  assert.equal(meta.published.precision, 'datetime');
});

test('a shown date labelled "published" that disagrees with the article markup defers to the markup', () => {
  const meta = read(
    page(
      '<meta property="article:published_time" content="2020-01-05T10:00:00Z"><meta property="article:modified_time" content="2021-04-12T10:00:00Z">',
      '<h1>Storm</h1><time class="entry-date published" datetime="2021-04-12T10:00:00Z">April 12, 2021</time><p>Body.</p>',
    ),
  );
  assert.equal(meta.published.stated, '2020-01-05T10:00:00Z');
  assert.equal(meta.modified?.stated, '2021-04-12T10:00:00Z');
});

test('a dateline written above the headline is read, and a member\u2019s join date is not', () => {
  const meta = read(page('', '<p>February 4, 2021 - 11 minutes</p><h1>Cloud news</h1><p>Joined: March 3, 2015</p><p>Body text follows.</p>'));
  assert.equal(meta.published.stated, '2021-02-04');
  assert.equal(meta.published.source, 'dateline');
  assert.ok(!meta.published.candidates?.some((c) => c.value === '2015-03-03'));
});
