// The timeline chart: articles and quotes per period as grouped bars in an
// inline SVG drawn from the numbers, with axes, ticks and a legend.

import { h, svg } from './dom.js';

const WIDTH = 860;
const HEIGHT = 320;
const MARGIN = { top: 20, right: 16, bottom: 58, left: 52 };

/** Round whole-number tick steps (1, 2, 5 × 10ⁿ) so that about `count` ticks cover 0…max. */
function ticks(max, count = 5) {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  // Counts are whole numbers: a step below 1 would label ticks no bar can reach.
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw) ?? raw);
  const values = [];
  for (let value = 0; value <= max + step / 2; value += step) values.push(Math.round(value * 1e6) / 1e6);
  if (values[values.length - 1] < max) values.push(values[values.length - 1] + step);
  return values;
}

/** A label short enough for the axis: "2017", "2017-03", "2017-03-06". */
function periodLabel(period, interval) {
  if (interval === 'year') return period.slice(0, 4);
  if (interval === 'month') return period.slice(0, 7);
  return period.slice(0, 10);
}

export function timelineChart(buckets, interval, title) {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(1, ...buckets.map((bucket) => Math.max(bucket.articles, bucket.quotes)));
  const scale = ticks(max);
  const top = scale[scale.length - 1];
  const y = (value) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const slot = plotWidth / Math.max(1, buckets.length);
  const barWidth = Math.max(1, Math.min(28, (slot * 0.8) / 2));
  const labelEvery = Math.max(1, Math.ceil(buckets.length / 12));

  const chart = svg('svg', {
    class: 'timeline-chart',
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    role: 'img',
    'aria-labelledby': 'timeline-title timeline-desc',
    preserveAspectRatio: 'xMidYMid meet',
  });
  chart.appendChild(svg('title', { id: 'timeline-title' }, title));
  chart.appendChild(svg('desc', { id: 'timeline-desc' }, `Articles and quotes per ${interval}, ${buckets.length} periods; the highest count is ${max}.`));

  const grid = svg('g', { class: 'axis axis-y' });
  for (const value of scale) {
    grid.appendChild(svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(value), y2: y(value), class: 'gridline' }));
    grid.appendChild(svg('text', { x: MARGIN.left - 8, y: y(value) + 4, 'text-anchor': 'end', class: 'tick-label' }, String(value)));
  }
  grid.appendChild(svg('text', { x: 14, y: MARGIN.top + plotHeight / 2, transform: `rotate(-90 14 ${MARGIN.top + plotHeight / 2})`, 'text-anchor': 'middle', class: 'axis-title' }, 'count'));
  chart.appendChild(grid);

  const bars = svg('g', { class: 'bars' });
  const xAxis = svg('g', { class: 'axis axis-x' });
  buckets.forEach((bucket, index) => {
    const center = MARGIN.left + slot * index + slot / 2;
    const label = periodLabel(bucket.period, interval);
    for (const [series, offset] of [['articles', -barWidth], ['quotes', 0]]) {
      const value = bucket[series];
      const height = y(0) - y(value);
      const bar = svg('rect', { class: `bar bar-${series}`, x: center + offset, y: y(value), width: barWidth, height: Math.max(0, height), 'data-period': bucket.period, 'data-value': value });
      bar.appendChild(svg('title', {}, `${label}: ${value} ${series}`));
      bars.appendChild(bar);
    }
    if (index % labelEvery === 0) {
      xAxis.appendChild(svg('line', { x1: center, x2: center, y1: y(0), y2: y(0) + 5, class: 'tick' }));
      xAxis.appendChild(svg('text', { x: center, y: y(0) + 18, 'text-anchor': buckets.length > 8 ? 'end' : 'middle', transform: buckets.length > 8 ? `rotate(-35 ${center} ${y(0) + 18})` : null, class: 'tick-label' }, label));
    }
  });
  xAxis.appendChild(svg('line', { x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(0), y2: y(0), class: 'baseline' }));
  chart.appendChild(bars);
  chart.appendChild(xAxis);

  const legend = h(
    'p',
    { class: 'chart-legend' },
    h('span', { class: 'swatch swatch-articles' }),
    ' articles ',
    h('span', { class: 'swatch swatch-quotes' }),
    ' quotes',
  );
  const table = h(
    'details',
    { class: 'chart-data' },
    h('summary', {}, 'The numbers'),
    h(
      'table',
      { class: 'data' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Period'), h('th', {}, 'Articles'), h('th', {}, 'Quotes'))),
      h('tbody', {}, buckets.map((bucket) => h('tr', {}, h('td', {}, periodLabel(bucket.period, interval)), h('td', { class: 'number' }, bucket.articles), h('td', { class: 'number' }, bucket.quotes)))),
    ),
  );
  return h('figure', { class: 'timeline' }, chart, legend, table);
}
