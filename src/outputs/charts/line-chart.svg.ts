/**
 * Accessible line chart (month-by-month trend, 0-100% by default) as an SVG string. Series differ by
 * colour, dash pattern and marker shape, and each line is labelled directly at its last point.
 */
import type { LineChartInput } from './chart.types.js';
import { legend, noDataSvg, svgFrame } from './bar-chart.svg.js';
import {
  CHART_COLOURS,
  DEFAULT_COLOUR_ORDER,
  GRID_COLOUR,
  SECONDARY_TEXT_COLOUR,
  TEXT_COLOUR,
  escapeXml,
  formatValue,
  idFrom,
  n,
  safeId,
} from './chart-style.helpers.js';

const DASHES = ['', '8 4', '2 4', '10 4 2 4', '4 4'];
const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross'] as const;
type Marker = (typeof MARKERS)[number];

function marker(shape: Marker, x: number, y: number, colour: string, extra: string): string {
  const r = 4.5;
  const common = `fill="${colour}" stroke="#ffffff" stroke-width="1.5" ${extra}`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="${r}" ${common}>`;
    case 'square':
      return `<rect x="${n(x - r)}" y="${n(y - r)}" width="${r * 2}" height="${r * 2}" ${common}>`;
    case 'triangle':
      return `<path d="M${n(x)},${n(y - r - 1)} L${n(x + r + 1)},${n(y + r)} L${n(x - r - 1)},${n(y + r)} Z" ${common}>`;
    case 'diamond':
      return `<path d="M${n(x)},${n(y - r - 1)} L${n(x + r + 1)},${n(y)} L${n(x)},${n(y + r + 1)} L${n(x - r - 1)},${n(y)} Z" ${common}>`;
    case 'cross':
      return `<path d="M${n(x - r)},${n(y - r)} L${n(x + r)},${n(y + r)} M${n(x + r)},${n(y - r)} L${n(x - r)},${n(y + r)}" stroke="${colour}" stroke-width="3" fill="none" ${extra}>`;
  }
}

function closeTag(shape: Marker): string {
  return shape === 'circle' ? '</circle>' : shape === 'square' ? '</rect>' : '</path>';
}

export function checkLineData(input: LineChartInput): void {
  const yMax = input.yMax ?? 100;
  if (!Number.isFinite(yMax) || yMax <= 0) {
    throw new RangeError(`yMax must be a positive number, got ${yMax}.`);
  }
  for (const s of input.series) {
    if (s.values.length !== input.periods.length) {
      throw new RangeError(
        `Series "${s.label}" has ${s.values.length} values for ${input.periods.length} periods.`,
      );
    }
    for (const v of s.values) {
      if (v !== null && (!Number.isFinite(v) || v < 0 || v > yMax)) {
        throw new RangeError(`Series "${s.label}" has a value outside 0 to ${yMax}: ${String(v)}.`);
      }
    }
  }
}

export function lineChartSvg(input: LineChartInput): string {
  checkLineData(input);
  const width = input.width ?? 720;
  const height = input.height ?? 360;
  const unit = input.unit ?? '%';
  const yMax = input.yMax ?? 100;
  const id = safeId(input.id ?? idFrom(`${input.title} ${input.description}`));
  const frame = svgFrame('line', input.title, input.description, id, width, height);
  const hasPoint = input.series.some((s) => s.values.some((v) => v !== null));
  if (input.periods.length === 0 || input.series.length === 0 || !hasPoint) return noDataSvg(frame);

  const series = input.series.map((s, i) => ({
    label: s.label,
    values: s.values,
    colour: CHART_COLOURS[s.colour ?? DEFAULT_COLOUR_ORDER[i % DEFAULT_COLOUR_ORDER.length] ?? 'blue'],
    dash: DASHES[i % DASHES.length] ?? '',
    shape: MARKERS[i % MARKERS.length] ?? 'circle',
  }));

  const marginLeft = 56;
  const marginRight = 150; // room for the direct labels at the end of each line
  const top = 12;
  const leg = legend(
    series.map((s) => ({
      label: s.label,
      swatch:
        `<line x1="0" x2="18" y1="8" y2="8" stroke="${s.colour}" stroke-width="3"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>` +
        `${marker(s.shape, 9, 8, s.colour, '')}${closeTag(s.shape)}`,
    })),
    marginLeft,
    top,
    width - marginLeft - 16,
  );
  const plotTop = top + leg.height + 28;
  const plotBottom = height - 36;
  const plotLeft = marginLeft;
  const plotRight = width - marginRight;
  const plotHeight = Math.max(20, plotBottom - plotTop);
  const count = input.periods.length;
  const step = count > 1 ? (plotRight - plotLeft) / (count - 1) : 0;
  const x = (i: number): number => (count > 1 ? plotLeft + step * i : (plotLeft + plotRight) / 2);
  const y = (v: number): number => plotBottom - (v / yMax) * plotHeight;

  const out: string[] = [frame.open, leg.svg];

  // Value axis: five steps.
  out.push('<g class="app-chart__axis app-chart__axis--y">');
  for (let t = 0; t <= 5; t += 1) {
    const v = (yMax / 5) * t;
    out.push(
      `<line x1="${n(plotLeft)}" x2="${n(plotRight)}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="${t === 0 ? TEXT_COLOUR : GRID_COLOUR}" stroke-width="${t === 0 ? 1.5 : 1}"/>` +
        `<text x="${n(plotLeft - 8)}" y="${n(y(v) + 4)}" text-anchor="end" font-size="12" fill="${TEXT_COLOUR}">${escapeXml(formatValue(v, unit))}</text>`,
    );
  }
  out.push('</g>');

  // Period labels: as many as fit without overlapping.
  const longest = Math.max(...input.periods.map((p) => p.length));
  const every =
    count > 1 ? Math.max(1, Math.ceil(((longest * 7 + 12) * count) / (plotRight - plotLeft + step))) : 1;
  out.push('<g class="app-chart__axis app-chart__axis--x">');
  input.periods.forEach((period, i) => {
    if (i % every !== 0) return;
    out.push(
      `<text x="${n(x(i))}" y="${n(plotBottom + 20)}" text-anchor="middle" font-size="12" fill="${TEXT_COLOUR}">${escapeXml(period)}</text>`,
    );
  });
  out.push('</g>');
  if (unit === '%') {
    out.push(
      `<text x="${n(plotLeft)}" y="${n(plotTop - 14)}" font-size="12" fill="${SECONDARY_TEXT_COLOUR}">Percentage</text>`,
    );
  }

  // Lines, markers and end labels.
  const endLabels: { y: number; x: number; text: string; colour: string }[] = [];
  out.push('<g class="app-chart__lines">');
  series.forEach((s, si) => {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${n(x(i))},${n(y(v))} `;
      pen = true;
    });
    out.push(
      `<path class="app-chart__line" d="${d.trim()}" fill="none" stroke="${s.colour}" stroke-width="3" stroke-linejoin="round"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} data-series="${si}"/>`,
    );
    s.values.forEach((v, i) => {
      if (v === null) return;
      const tip = `${input.periods[i] ?? ''}, ${s.label}: ${formatValue(v, unit)}`;
      out.push(
        `${marker(s.shape, x(i), y(v), s.colour, `class="app-chart__point" data-series="${si}" data-period="${i}" data-value="${v}"`)}` +
          `<title>${escapeXml(tip)}</title>${closeTag(s.shape)}`,
      );
    });
    const lastIndex = s.values.reduce<number>((last, v, i) => (v === null ? last : i), -1);
    const last = s.values[lastIndex];
    if (lastIndex >= 0 && last !== null && last !== undefined) {
      const label = s.label.length > 18 ? `${s.label.slice(0, 17)}…` : s.label;
      endLabels.push({
        x: x(lastIndex) + 10,
        y: y(last) + 4,
        text: `${label} ${formatValue(last, unit)}`,
        colour: s.colour,
      });
    }
  });
  out.push('</g>');

  // Direct labels, nudged apart so they do not overlap.
  endLabels.sort((a, b) => a.y - b.y);
  for (let i = 1; i < endLabels.length; i += 1) {
    const prev = endLabels[i - 1];
    const cur = endLabels[i];
    if (prev && cur && cur.y - prev.y < 15) cur.y = prev.y + 15;
  }
  out.push('<g class="app-chart__labels">');
  for (const l of endLabels) {
    out.push(
      `<text x="${n(l.x)}" y="${n(l.y)}" font-size="12" font-weight="bold" fill="${TEXT_COLOUR}">${escapeXml(l.text)}</text>`,
    );
  }
  out.push('</g></svg>');
  return out.join('');
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-01` (or `2026-01-31`) → `Jan 2026`. */
export function monthLabel(isoMonth: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(isoMonth);
  const month = m ? SHORT_MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) throw new RangeError(`Expected YYYY-MM, got "${isoMonth}".`);
  return `${month} ${m[1]}`;
}
