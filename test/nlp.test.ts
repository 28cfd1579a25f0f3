import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { WhosaidDocument } from '../src/model/document.js';
import {
  analyzeText,
  annotate,
  loadLemmatizer,
  loadPosTagger,
  modelsDirectory,
  splitSentences,
  tokenize,
  tokensWithin,
} from '../src/nlp/index.js';

function words(text: string): string[] {
  return tokenize(text).map((t) => text.slice(t.start, t.end));
}

function sentences(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end));
}

describe('tokenize', () => {
  it('gives offsets that always slice to the token text, without whitespace', () => {
    const text =
      'Mr.\u00a0Peskov didn’t say — “We still don’t know,” he said… at 10:30 p.m. on Jan. 5, 2017 (U.S. time).\n\n' +
      'Émile Zola’s “J’accuse” cost $1,000.50; see https://example.com/a_(b) or mail press@kremlin.ru 😀 #tag @handle';
    const tokens = tokenize(text);
    assert.ok(tokens.length > 30);
    let previousEnd = 0;
    for (const t of tokens) {
      assert.ok(t.start >= previousEnd, 'tokens are in order and do not overlap');
      assert.ok(t.end > t.start);
      assert.doesNotMatch(text.slice(t.start, t.end), /\s/u);
      previousEnd = t.end;
    }
    // Everything that is not whitespace is covered by some token.
    const covered = new Set<number>();
    for (const t of tokens) for (let i = t.start; i < t.end; i++) covered.add(i);
    for (let i = 0; i < text.length; i++) {
      if (!/[\s\u00a0]/u.test(text[i]!)) assert.ok(covered.has(i), `character ${i} (${text[i]}) is covered`);
    }
  });

  it('splits contractions like the Penn Treebank', () => {
    assert.deepEqual(words("didn't"), ['did', "n't"]);
    assert.deepEqual(words('Clinton’s team can’t'), ['Clinton', '’s', 'team', 'ca', 'n’t']);
    assert.deepEqual(words("they're, we've, I'll, she'd, I'm"), ['they', "'re", ',', 'we', "'ve", ',', 'I', "'ll", ',', 'she', "'d", ',', 'I', "'m"]);
    assert.deepEqual(words('cannot'), ['can', 'not']);
    assert.deepEqual(words("O'Neill at five o'clock"), ["O'Neill", 'at', 'five', "o'clock"]);
    assert.deepEqual(words("the parents' rights"), ['the', 'parents', "'", 'rights']);
  });

  it('makes every quotation mark its own token', () => {
    assert.deepEqual(words('“Yes,” he said.'), ['“', 'Yes', ',', '”', 'he', 'said', '.']);
    assert.deepEqual(words('"No"'), ['"', 'No', '"']);
    assert.deepEqual(words('‘fake news’'), ['‘', 'fake', 'news', '’']);
    assert.deepEqual(words("``quoted''"), ['``', 'quoted', "''"]);
  });

  it('keeps URLs, e-mail addresses, hyphenated words, numbers and abbreviations whole', () => {
    assert.deepEqual(words('See https://www.rt.com/news/1.html.'), ['See', 'https://www.rt.com/news/1.html', '.']);
    assert.deepEqual(words('(www.example.org)'), ['(', 'www.example.org', ')']);
    assert.deepEqual(words('Write to press@kremlin.ru.'), ['Write', 'to', 'press@kremlin.ru', '.']);
    assert.deepEqual(words('a 30-year-old pro-Russian activist'), ['a', '30-year-old', 'pro-Russian', 'activist']);
    assert.deepEqual(words('$1,000.50 or 3.5% at 10:30'), ['$', '1,000.50', 'or', '3.5', '%', 'at', '10:30']);
    assert.deepEqual(words('Dr. Smith of the U.S. Army met Sen. Graham (R-S.C.) on Sept. 11'), [
      'Dr.', 'Smith', 'of', 'the', 'U.S.', 'Army', 'met', 'Sen.', 'Graham', '(', 'R-S.C.', ')', 'on', 'Sept.', '11',
    ]);
    assert.deepEqual(words('Charles M. Blow'), ['Charles', 'M.', 'Blow']);
    assert.deepEqual(words('It ended.'), ['It', 'ended', '.']);
    assert.deepEqual(words('I was ill. Wait...'), ['I', 'was', 'ill', '.', 'Wait', '...']);
    assert.deepEqual(words('AT&T and S&P'), ['AT&T', 'and', 'S&P']);
    assert.deepEqual(words('<tweet author="x">Hi</tweet> a <b and c> d'), ['<tweet author="x">', 'Hi', '</tweet>', 'a', '<', 'b', 'and', 'c', '>', 'd']);
    assert.deepEqual(words('the U.S.-led coalition'), ['the', 'U.S.-led', 'coalition']);
    assert.deepEqual(words('Zürich’s mayor'), ['Zürich', '’s', 'mayor']);
  });

  it('keeps its invariants on random text', () => {
    // Deterministic pseudo-random text over a palette of troublesome characters.
    const palette = ['a', 'B', 'é', '1', '.', ',', "'", '’', '"', '“', '”', '-', '—', ' ', ' ', '\n', '\u00a0', '@', '#', '<', '>', '/', ':', '?', '!', '😀', '\ud83d', '\ude00', 'Mr', 'U.S', 'http://', 'www.', '...', '&', '_', '(', ')'];
    let state = 12345;
    const next = (): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    for (let round = 0; round < 200; round++) {
      let text = '';
      const length = 1 + Math.floor(next() * 80);
      for (let k = 0; k < length; k++) text += palette[Math.floor(next() * palette.length)];
      const tokens = tokenize(text);
      let previousEnd = 0;
      for (const t of tokens) {
        assert.ok(t.start >= previousEnd && t.end > t.start && t.end <= text.length, JSON.stringify(text));
        const tokenText = text.slice(t.start, t.end);
        if (!/^<.*>$/u.test(tokenText)) assert.doesNotMatch(tokenText, /[\s\u00a0]/u, JSON.stringify(text));
        previousEnd = t.end;
      }
      const spans = splitSentences(text, tokens);
      const starts = new Set(tokens.map((t) => t.start));
      const ends = new Set(tokens.map((t) => t.end));
      let sentenceEnd = 0;
      for (const s of spans) {
        assert.ok(s.start >= sentenceEnd && starts.has(s.start) && ends.has(s.end), JSON.stringify(text));
        sentenceEnd = s.end;
      }
      const inSentences = tokens.filter((t) => spans.some((s) => t.start >= s.start && t.end <= s.end)).length;
      assert.equal(inSentences, tokens.length, JSON.stringify(text));
    }
  });

  it('returns nothing for empty or blank text', () => {
    assert.deepEqual(tokenize(''), []);
    assert.deepEqual(tokenize(' \n\u00a0\t '), []);
  });
});

describe('splitSentences', () => {
  it('does not split after titles, initials, months or inside initialisms', () => {
    assert.deepEqual(sentences('Mr. Peskov met Dr. Smith on Jan. 5 in the U.S. capital. Then he left.'), [
      'Mr. Peskov met Dr. Smith on Jan. 5 in the U.S. capital.',
      'Then he left.',
    ]);
    assert.deepEqual(sentences('New York Times columnist Charles M. Blow wrote it. He was right.'), [
      'New York Times columnist Charles M. Blow wrote it.',
      'He was right.',
    ]);
  });

  it('splits after an abbreviation that ends a sentence', () => {
    assert.deepEqual(sentences('He lives in the U.S. He said so.'), ['He lives in the U.S.', 'He said so.']);
  });

  it('keeps closing quotes with the sentence they close', () => {
    assert.deepEqual(sentences('“We still don’t know.” He added nothing.'), ['“We still don’t know.”', 'He added nothing.']);
    assert.deepEqual(sentences('He said "no." She agreed.'), ['He said "no."', 'She agreed.']);
    assert.deepEqual(sentences('“Why?” he asked. Nobody answered.'), ['“Why?” he asked.', 'Nobody answered.']);
  });

  it('handles ellipses', () => {
    assert.deepEqual(sentences('He paused... and went on. Then... Nothing.'), ['He paused... and went on.', 'Then...', 'Nothing.']);
  });

  it('always splits at paragraph breaks, and at line breaks between lines of a list', () => {
    assert.deepEqual(sentences('Headline without a stop\n\nFirst paragraph here'), ['Headline without a stop', 'First paragraph here']);
    assert.deepEqual(sentences('Reasons:\n1. Money\n2. Power'), ['Reasons:', '1. Money', '2. Power']);
    assert.deepEqual(sentences('- one item\n- another item'), ['- one item', '- another item']);
  });

  it('joins a line that was merely wrapped', () => {
    assert.deepEqual(sentences('The report was published\nlast week by the agency.'), ['The report was published\nlast week by the agency.']);
  });

  it('returns nothing for empty text', () => {
    assert.deepEqual(splitSentences(''), []);
  });
});

describe('shipped models', () => {
  it('are found in the package models folder', () => {
    const dir = modelsDirectory();
    assert.ok(existsSync(join(dir, 'pos.json.gz')));
    assert.ok(existsSync(join(dir, 'names.json.gz')));
    assert.ok(existsSync(join(dir, 'lemmas.json.gz')));
  });

  it('tag hand-written sentences sensibly', () => {
    const tagger = loadPosTagger();
    const tagged = (text: string): Record<string, string> => {
      const tokenTexts = words(text);
      const tags = tagger.tag(tokenTexts);
      return Object.fromEntries(tokenTexts.map((w, i) => [w, tags[i]!]));
    };
    const a = tagged('Kremlin spokesman Dmitry Peskov said the accusations were unfounded.');
    assert.equal(a['said'], 'VBD');
    assert.equal(a['Peskov'], 'NNP');
    assert.equal(a['Dmitry'], 'NNP');
    assert.equal(a['the'], 'DT');
    assert.equal(a['accusations'], 'NNS');
    assert.equal(a['were'], 'VBD');
    assert.equal(a['unfounded'], 'JJ');
    const b = tagged('She says they are going to vote for him.');
    assert.equal(b['says'], 'VBZ');
    assert.equal(b['going'], 'VBG');
    assert.equal(b['to'], 'TO');
    assert.equal(b['vote'], 'VB');
    assert.equal(b['him'], 'PRP');
  });

  it('lemmatise cue verbs and plurals', () => {
    const lemmatizer = loadLemmatizer();
    assert.equal(lemmatizer.lemma('said', 'VBD'), 'say');
    assert.equal(lemmatizer.lemma('says', 'VBZ'), 'say');
    assert.equal(lemmatizer.lemma('saying', 'VBG'), 'say');
    assert.equal(lemmatizer.lemma('told', 'VBD'), 'tell');
    assert.equal(lemmatizer.lemma('added', 'VBD'), 'add');
    assert.equal(lemmatizer.lemma('claimed', 'VBN'), 'claim');
    assert.equal(lemmatizer.lemma('accusations', 'NNS'), 'accusation');
    assert.equal(lemmatizer.lemma('was', 'VBD'), 'be');
    assert.equal(lemmatizer.lemma('Democrats', 'NNPS'), 'Democrats');
    // A verb the training data need not contain still follows the rules.
    assert.equal(lemmatizer.lemma('blorfed', 'VBD').startsWith('blorf'), true);
  });

  it('find people, organisations and places', () => {
    const text =
      'Kremlin spokesman Dmitry Peskov told reporters in Moscow on Monday that the claims were false. ' +
      'The New York Times reported that Peskov had met officials in Washington.';
    const { names } = analyzeText(text);
    const found = names.map((n) => `${text.slice(n.start, n.end)}/${n.type}`);
    assert.ok(found.includes('Dmitry Peskov/person'), found.join(', '));
    assert.ok(found.includes('Moscow/place'), found.join(', '));
    assert.ok(found.includes('New York Times/organisation'), found.join(', '));
  });
});

describe('annotate', () => {
  it('adds tokens with tags and lemmas, sentences and names to a document', () => {
    const doc = new WhosaidDocument('Dmitry Peskov said Moscow knew nothing. "We still don\'t know," he added.');
    annotate(doc);
    assert.ok(doc.hasLayer('tokens'));
    assert.ok(doc.hasLayer('sentences'));
    assert.ok(doc.hasLayer('names'));
    assert.equal(doc.layer('sentences').length, 2);
    const said = doc.layer('tokens').find((t) => doc.slice(t) === 'said');
    assert.equal(said?.pos, 'VBD');
    assert.equal(said?.lemma, 'say');
    const added = doc.layer('tokens').find((t) => doc.slice(t) === 'added');
    assert.equal(added?.lemma, 'add');
    for (const t of doc.layer('tokens')) assert.equal(typeof t.pos, 'string');
    const second = doc.layer('sentences')[1]!;
    assert.deepEqual(
      doc.within('tokens', second).map((t) => doc.slice(t)),
      ['"', 'We', 'still', 'do', "n't", 'know', ',', '"', 'he', 'added', '.'],
    );
    assert.deepEqual(tokensWithin(doc.layer('tokens'), second), doc.within('tokens', second));
    assert.ok(doc.layer('names').some((n) => doc.slice(n) === 'Dmitry Peskov' && n.type === 'person'));
  });

  it('can leave out tags and names', () => {
    const doc = new WhosaidDocument('Dmitry Peskov said so.');
    annotate(doc, { tags: false });
    assert.equal(doc.hasLayer('names'), false);
    assert.equal(doc.layer('tokens')[0]!.pos, undefined);
    assert.equal(doc.layer('tokens').length, 5);
  });

  it('copes with empty text', () => {
    const doc = new WhosaidDocument('');
    annotate(doc);
    assert.equal(doc.layer('tokens').length, 0);
    assert.equal(doc.layer('sentences').length, 0);
    assert.equal(doc.layer('names').length, 0);
  });

  it('copes with all-caps text', () => {
    const doc = new WhosaidDocument('BREAKING: PUTIN SAYS RUSSIA DID NOT INTERFERE. KREMLIN DENIES REPORT.');
    annotate(doc);
    assert.equal(doc.layer('sentences').length, 2);
    assert.ok(doc.layer('tokens').every((t) => typeof t.pos === 'string' && typeof t.lemma === 'string'));
    const tagOf = (word: string): string | undefined => doc.layer('tokens').find((t) => doc.slice(t) === word)?.pos;
    assert.equal(tagOf('SAYS'), 'VBZ');
    assert.equal(tagOf('DID'), 'VBD');
    assert.equal(tagOf('NOT'), 'RB');
  });

  it('keeps tokens a document already has and still adds sentences and names', () => {
    const doc = new WhosaidDocument('Dmitry Peskov spoke.');
    doc.addLayer('tokens', [{ start: 0, end: 6 }, { start: 7, end: 13 }, { start: 14, end: 19 }, { start: 19, end: 20 }]);
    annotate(doc);
    assert.equal(doc.layer('tokens')[0]!.pos, undefined, 'the existing layer is not rewritten');
    assert.equal(doc.layer('sentences').length, 1);
    assert.deepEqual(doc.layer('names').map((n) => [doc.slice(n), n.type]), [['Dmitry Peskov', 'person']]);
  });

  it('finishes on a 1 MB text, including one without spaces or stops', () => {
    const paragraph =
      'Kremlin spokesman Dmitry Peskov said on Monday that Moscow knew nothing about the report, according to RIA Novosti. ' +
      '“We still don’t know what the facts are,” he added.\n\n';
    const big = paragraph.repeat(Math.ceil(1_000_000 / paragraph.length));
    const layers = analyzeText(big);
    assert.ok(layers.tokens.length > 150_000);
    assert.equal(layers.sentences.length, 2 * Math.ceil(1_000_000 / paragraph.length));
    const blob = 'a'.repeat(500_000) + '-' + '.'.repeat(500_000);
    const odd = analyzeText(blob);
    assert.equal(odd.tokens.length, 3);
  });
});
