import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A small synthetic news page: a headline, a dateline, and paragraphs with quotes by named speakers. */
export interface NewsPage {
  file: string;
  url: string;
  html: string;
}

const SPEAKERS = [
  { name: 'Maria Lopez', role: 'the mayor of Springfield', surname: 'Lopez' },
  { name: 'Daniel Okafor', role: 'a spokesman for the transport ministry', surname: 'Okafor' },
  { name: 'Helen Park', role: 'the chief economist at Northbank', surname: 'Park' },
  { name: 'Tomas Berg', role: 'the head of the dockworkers union', surname: 'Berg' },
];

const TOPICS = ['bridge', 'harbour', 'tram line', 'budget', 'school', 'stadium', 'hospital', 'ferry'];
const OUTLETS = ['daily-courier.example', 'evening-post.example', 'river-times.example'];

/**
 * Page `index` of a deterministic synthetic corpus. Every page differs in
 * wording (numbers, topics, speakers), so none is a near-duplicate of
 * another unless made so on purpose.
 */
export function newsPage(index: number): NewsPage {
  const speaker = SPEAKERS[index % SPEAKERS.length]!;
  const other = SPEAKERS[(index + 1) % SPEAKERS.length]!;
  const topic = TOPICS[index % TOPICS.length]!;
  const outlet = OUTLETS[index % OUTLETS.length]!;
  const month = String((index % 12) + 1).padStart(2, '0');
  const day = String((index % 27) + 1).padStart(2, '0');
  const date = `2023-${month}-${day}`;
  const amount = 10 + ((index * 37) % 900);
  const url = `https://${outlet}/news/${date}/story-${index}`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Council debates the ${topic} plan (${index})</title>
<meta property="article:published_time" content="${date}T09:00:00Z">
<meta property="og:site_name" content="${outlet}">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Council debates the ${topic} plan (${index})</h1>
<p>The city council met on Tuesday to discuss plan number ${index} for the ${topic}, which would cost ${amount} million dollars over ${(index % 9) + 2} years.</p>
<p>"We cannot wait another ${(index % 5) + 2} years for the ${topic}," said ${speaker.name}, ${speaker.role}. "The people of district ${index % 17} deserve better."</p>
<p>${other.name}, ${other.role}, said the plan was too expensive and that the council should look again at the figures for ${amount} million.</p>
<p>${speaker.surname} added that a vote on proposal ${index} was expected before the end of the month, while critics warned of delays in ward ${index % 23}.</p>
<p>Residents gathered outside the hall with signs about the ${topic}; ${(index % 40) + 10} people signed a petition asking for a public hearing on item ${index}.</p>
</article>
<footer>Copyright ${outlet}. All rights reserved.</footer>
</body></html>
`;
  return { file: `story-${String(index).padStart(4, '0')}.html`, url, html };
}

/** Writes pages 0…count-1 into `dir` and a manifest.jsonl giving each page's URL; returns the pages. */
export async function writeNewsPages(dir: string, count: number, first = 0): Promise<NewsPage[]> {
  await mkdir(dir, { recursive: true });
  const pages: NewsPage[] = [];
  for (let index = first; index < first + count; index++) pages.push(newsPage(index));
  await Promise.all(pages.map((page) => writeFile(join(dir, page.file), page.html)));
  return pages;
}
