import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { barChartSvg, complianceSeries } from './bar-chart.svg.js';
import { CHART_COLOURS, contrastRatio, niceScale, textColourOn, wrapLabel } from './chart-style.helpers.js';
import { chartTable } from './chart-table.model.js';
import type { BarChartInput, LineChartInput } from './chart.types.js';
import { lineChartSvg, monthLabel } from './line-chart.svg.js';

/** A small XML well-formedness check: balanced tags, quoted attributes, only known entities, no stray '<' or '&'. */
function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const tokens = /<!--[\s\S]*?-->|<\/?([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  let roots = 0;
  while ((m = tokens.exec(xml)) !== null) {
    const [whole, name, , selfClose, text, stray] = m;
    if (stray) assert.fail(`stray "<" at ${m.index}: ${xml.slice(m.index, m.index + 40)}`);
    if (text !== undefined) {
      assert.ok(stack.length > 0 || text.trim() === '', 'text outside the root element');
      const bad = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(text);
      assert.equal(bad, null, `bare "&" in text: ${text}`);
      continue;
    }
    if (!name) continue;
    const attrs = whole.match(/[\w:.-]+="[^"]*"/g) ?? [];
    for (const a of attrs) {
      assert.doesNotMatch(
        a,
        /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/,
        `bare "&" in attribute ${a}`,
      );
    }
    const names = attrs.map((a) => a.slice(0, a.indexOf('=')));
    assert.equal(new Set(names).size, names.length, `duplicate attribute in ${whole}`);
    if (whole.startsWith('</')) {
      assert.equal(stack.pop(), name, `mismatched </${name}>`);
    } else if (selfClose) {
      if (stack.length === 0) roots += 1;
    } else {
      if (stack.length === 0) roots += 1;
      stack.push(name);
    }
  }
  assert.deepEqual(stack, [], 'unclosed elements');
  assert.equal(roots, 1, 'exactly one root element');
}

function assertAccessibleFrame(svg: string, title: string, desc: string): void {
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /role="img"/);
  const labelled = /aria-labelledby="([^"]+)"/.exec(svg)?.[1]?.split(' ') ?? [];
  assert.equal(labelled.length, 2);
  const [titleId, descId] = labelled;
  assert.ok(svg.includes(`<title id="${titleId}">${title}</title>`), 'title referenced by aria-labelledby');
  assert.ok(svg.includes(`<desc id="${descId}">${desc}</desc>`), 'desc referenced by aria-labelledby');
  assert.doesNotMatch(svg, /NaN|Infinity|undefined/);
}

function bars(svg: string): { series: number; category: number; value: number; height: number; y: number }[] {
  return [
    ...svg.matchAll(
      /<rect class="app-chart__bar" x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)"[^>]*data-series="(\d+)" data-category="(\d+)" data-value="([^"]+)"/g,
    ),
  ].map((m) => ({
    y: Number(m[1]),
    height: Number(m[2]),
    series: Number(m[3]),
    category: Number(m[4]),
    value: Number(m[5]),
  }));
}

const compliance: BarChartInput = {
  title: 'Mandatory updates by team',
  description: 'Maidstone met most updates on time; Ashford had the most overdue.',
  unit: 'obligations',
  categoryLabel: 'Team',
  ...complianceSeries([
    { category: 'Maidstone CID', met: 40, metLate: 7, overdue: 3 },
    { category: 'Ashford CSU', met: 20, metLate: 10, overdue: 9 },
  ]),
};

describe('barChartSvg', () => {
  it('should be well-formed, named by its title and description', () => {
    const svg = barChartSvg(compliance);
    assertWellFormedXml(svg);
    assertAccessibleFrame(svg, compliance.title, compliance.description);
    assert.match(svg, />Met on time</);
    assert.match(svg, />Maidstone CID</);
  });

  it('should escape < and & in titles and labels', () => {
    const svg = barChartSvg({
      ...compliance,
      title: 'Teams <A> & "B"',
      description: "R&D's <script>",
      categories: ['<b>Bold</b> & co', 'x'],
    });
    assertWellFormedXml(svg);
    assert.ok(svg.includes('Teams &lt;A&gt; &amp; &quot;B&quot;'));
    assert.ok(svg.includes('R&amp;D&apos;s &lt;script&gt;'));
    assert.ok(svg.includes('&lt;b&gt;Bold&lt;/b&gt; &amp; co'));
    assert.doesNotMatch(svg, /<script|<b>/);
  });

  it('should draw grouped bar heights in proportion to the values', () => {
    const all = bars(barChartSvg(compliance));
    assert.equal(all.length, 6);
    const ref = all.find((b) => b.value === 40);
    assert.ok(ref && ref.height > 0);
    for (const b of all) {
      assert.ok(Math.abs(b.height - (b.value / 40) * ref.height) < 0.05, `bar ${b.value}: ${b.height}`);
    }
    const bottoms = new Set(all.map((b) => Math.round((b.y + b.height) * 10)));
    assert.equal(bottoms.size, 1, 'all bars stand on the same baseline');
  });

  it('should stack segments in proportion, each on top of the last', () => {
    const svg = barChartSvg({ ...compliance, layout: 'stacked' });
    assertWellFormedXml(svg);
    const all = bars(svg);
    const unit = (all[0]?.height ?? 0) / (all[0]?.value ?? 1);
    for (const b of all) assert.ok(Math.abs(b.height - b.value * unit) < 0.05);
    for (const c of [0, 1]) {
      const segs = all.filter((b) => b.category === c).sort((a, b) => a.series - b.series);
      for (let i = 1; i < segs.length; i += 1) {
        const below = segs[i - 1];
        const seg = segs[i];
        assert.ok(below && seg);
        assert.ok(Math.abs(seg.y + seg.height - below.y) < 0.05, 'segment sits on the one below');
      }
    }
    assert.match(svg, /Total 50/);
  });

  it('should show all-zero data as empty bars without NaN', () => {
    const svg = barChartSvg({
      title: 'Nothing due',
      description: 'No obligations fell due.',
      categories: ['A', 'B'],
      series: [{ label: 'Met', values: [0, 0] }],
      layout: 'stacked',
    });
    assertWellFormedXml(svg);
    assertAccessibleFrame(svg, 'Nothing due', 'No obligations fell due.');
    assert.ok(bars(svg).every((b) => b.height === 0));
  });

  it('should say there is no data when there are no categories or series', () => {
    for (const input of [
      { title: 'Empty', description: 'None.', categories: [], series: [{ label: 'S', values: [] }] },
      { title: 'Empty', description: 'None.', categories: ['A'], series: [] },
    ]) {
      const svg = barChartSvg(input);
      assertWellFormedXml(svg);
      assertAccessibleFrame(svg, 'Empty', 'None.');
      assert.match(svg, /No data to show/);
    }
  });

  it('should refuse values a bar cannot show', () => {
    const base = { title: 't', description: 'd', categories: ['A'] };
    assert.throws(() => barChartSvg({ ...base, series: [{ label: 'S', values: [-1] }] }), RangeError);
    assert.throws(() => barChartSvg({ ...base, series: [{ label: 'S', values: [Number.NaN] }] }), RangeError);
    assert.throws(() => barChartSvg({ ...base, series: [{ label: 'S', values: [1, 2] }] }), RangeError);
  });

  it('should use unique ids per chart and a caller id when given', () => {
    const a = barChartSvg(compliance);
    const b = barChartSvg({ ...compliance, title: 'Other' });
    const idOf = (svg: string): string | undefined => /<title id="([^"]+)-title"/.exec(svg)?.[1];
    assert.notEqual(idOf(a), idOf(b));
    assert.equal(idOf(barChartSvg({ ...compliance, id: 'team-chart' })), 'team-chart');
  });
});

describe('lineChartSvg', () => {
  const trend: LineChartInput = {
    title: 'Updates on time, by month',
    description: 'The share of updates on time rose from 60% to 85%.',
    periods: ['2026-01', '2026-02', '2026-03', '2026-04'].map(monthLabel),
    series: [
      { label: 'Mandatory updates', values: [60, 70, null, 85] },
      { label: 'Investigative & <other>', values: [0, 100, 50, 40] },
    ],
  };

  it('should be well-formed and accessible, with direct labels and escaped text', () => {
    const svg = lineChartSvg(trend);
    assertWellFormedXml(svg);
    assertAccessibleFrame(svg, trend.title, trend.description);
    assert.ok(svg.includes('Investigative &amp; &lt;other&gt;'));
    assert.match(svg, />Jan 2026</);
    assert.match(svg, />100%</);
    assert.match(svg, /Mandatory updates 85%/);
  });

  it('should place points by value on a 0-100 scale and break the line at gaps', () => {
    const svg = lineChartSvg(trend);
    const points = [...svg.matchAll(/data-series="1" data-period="(\d)" data-value="(\d+)"/g)];
    assert.equal(points.length, 4);
    const ys = [...svg.matchAll(/<circle cx="[^"]+" cy="([^"]+)"[^>]*data-series="0"/g)].map((m) =>
      Number(m[1]),
    );
    assert.equal(ys.length, 3, 'no marker for the missing month');
    const path0 = /<path class="app-chart__line" d="([^"]+)"[^>]*data-series="0"/.exec(svg)?.[1] ?? '';
    assert.equal((path0.match(/M/g) ?? []).length, 2, 'a new subpath after the gap');
    // 60 → 70 is a tenth of the 0-100 scale; 70 → 85 three twentieths.
    const [y60, y70, y85] = ys as [number, number, number];
    assert.ok(Math.abs((y60 - y70) / (y70 - y85) - 10 / 15) < 0.01);
  });

  it('should handle empty and all-null data without NaN', () => {
    for (const input of [
      { ...trend, periods: [], series: [] },
      { ...trend, periods: ['Jan 2026'], series: [{ label: 'S', values: [null] }] },
      { ...trend, periods: ['Jan 2026'], series: [{ label: 'S', values: [0] }] },
    ]) {
      const svg = lineChartSvg(input);
      assertWellFormedXml(svg);
      assertAccessibleFrame(svg, trend.title, trend.description);
    }
  });

  it('should refuse a percentage above 100', () => {
    assert.throws(
      () => lineChartSvg({ ...trend, series: [{ label: 'S', values: [1, 2, 3, 101] }] }),
      RangeError,
    );
  });
});

describe('chart styles', () => {
  it('should use palette colours with at least 3:1 contrast against white', () => {
    for (const [name, hex] of Object.entries(CHART_COLOURS)) {
      assert.ok(
        contrastRatio(hex, '#ffffff') >= 3,
        `${name} ${hex}: ${contrastRatio(hex, '#ffffff').toFixed(2)}`,
      );
      assert.ok(contrastRatio(hex, textColourOn(hex)) >= 4.5, `label text on ${name}`);
    }
  });

  it('should choose nice axis maxima and never zero', () => {
    assert.deepEqual(niceScale(0, true), { max: 1, step: 1 });
    assert.deepEqual(niceScale(47, true), { max: 50, step: 10 });
    assert.deepEqual(niceScale(3, true), { max: 3, step: 1 });
  });

  it('should wrap long labels with an ellipsis', () => {
    assert.deepEqual(wrapLabel('Ashford Community Safety Unit', 12, 2), ['Ashford', 'Community…']);
  });
});

describe('chartTable', () => {
  it('should give the same numbers as the bar chart, with totals when stacked', () => {
    const table = chartTable({ ...compliance, layout: 'stacked' });
    assert.equal(table.caption, compliance.title);
    assert.equal(table.firstCellIsHeader, true);
    assert.deepEqual(
      table.head.map((h) => h.text),
      ['Team', 'Met on time', 'Met late', 'Overdue', 'Total'],
    );
    assert.deepEqual(
      table.rows[0]?.map((c) => c.text),
      ['Maidstone CID', '40', '7', '3', '50'],
    );
    assert.equal(table.rows[0]?.[1]?.format, 'numeric');
  });

  it('should give the line chart figures by month, with gaps said in words', () => {
    const table = chartTable({
      title: 'Trend',
      description: 'd',
      periods: ['Jan 2026', 'Feb 2026'],
      series: [{ label: 'On time', values: [62.25, null] }],
    });
    assert.deepEqual(
      table.head.map((h) => h.text),
      ['Month', 'On time'],
    );
    assert.deepEqual(
      table.rows.map((r) => r.map((c) => c.text)),
      [
        ['Jan 2026', '62.3%'],
        ['Feb 2026', 'No data'],
      ],
    );
  });
});
