/**
 * Accessible bar chart as an SVG string: `role="img"` named by its <title> and <desc>, a legend with
 * patterned swatches, patterned bars with a dark outline (so neither colour nor a pale fill is relied
 * on), direct value labels and escaped text. Show `chartTable(input)` beside it with the same numbers.
 */
import type { BarChartInput, BarSeries } from './chart.types.js';
import {
  BACKGROUND,
  CHART_COLOURS,
  COMPLIANCE_STYLES,
  DEFAULT_COLOUR_ORDER,
  DEFAULT_PATTERN_ORDER,
  GRID_COLOUR,
  SECONDARY_TEXT_COLOUR,
  TEXT_COLOUR,
  escapeXml,
  formatValue,
  idFrom,
  n,
  niceScale,
  patternDef,
  safeId,
  textColourOn,
  wrapLabel,
} from './chart-style.helpers.js';

const FONT = 'font-family="Arial, Helvetica, sans-serif"';
const LABEL_SIZE = 13;
const VALUE_SIZE = 12;

export interface ResolvedSeries {
  label: string;
  values: number[];
  colour: string;
  patternId: string;
  patternDef: string;
}

/** Throws a RangeError for data a bar chart cannot show truthfully. */
export function checkBarData(input: BarChartInput): void {
  for (const s of input.series) {
    if (s.values.length !== input.categories.length) {
      throw new RangeError(
        `Series "${s.label}" has ${s.values.length} values for ${input.categories.length} categories.`,
      );
    }
    for (const v of s.values) {
      if (!Number.isFinite(v) || v < 0) {
        throw new RangeError(`Series "${s.label}" has a value a bar cannot show: ${String(v)}.`);
      }
    }
  }
}

export function resolveSeries(series: BarSeries[], idPrefix: string): ResolvedSeries[] {
  return series.map((s, i) => {
    const colour = CHART_COLOURS[s.colour ?? DEFAULT_COLOUR_ORDER[i % DEFAULT_COLOUR_ORDER.length] ?? 'blue'];
    const pattern = s.pattern ?? DEFAULT_PATTERN_ORDER[i % DEFAULT_PATTERN_ORDER.length] ?? 'solid';
    const patternId = `${idPrefix}-pattern-${i}`;
    return {
      label: s.label,
      values: s.values,
      colour,
      patternId,
      patternDef: patternDef(patternId, colour, pattern),
    };
  });
}

interface Frame {
  id: string;
  width: number;
  height: number;
  open: string;
}

export function svgFrame(
  kind: string,
  title: string,
  description: string,
  id: string,
  width: number,
  height: number,
): Frame {
  const open =
    `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart app-chart--${kind}" role="img" ` +
    `aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
    `${FONT}>` +
    `<title id="${id}-title">${escapeXml(title)}</title>` +
    `<desc id="${id}-desc">${escapeXml(description)}</desc>` +
    `<rect width="${width}" height="${height}" fill="${BACKGROUND}"/>`;
  return { id, width, height, open };
}

export function noDataSvg(frame: Frame): string {
  return (
    `${frame.open}<text x="${n(frame.width / 2)}" y="${n(frame.height / 2)}" text-anchor="middle" ` +
    `font-size="16" fill="${TEXT_COLOUR}">No data to show</text></svg>`
  );
}

/** Legend rows of swatch + label; returns the markup and the height used. */
export function legend(
  items: { label: string; swatch: string }[],
  x0: number,
  y0: number,
  maxWidth: number,
): { svg: string; height: number } {
  const parts: string[] = ['<g class="app-chart__legend">'];
  let x = x0;
  let y = y0;
  const rowHeight = 22;
  for (const item of items) {
    const label = item.label.length > 40 ? `${item.label.slice(0, 39)}…` : item.label;
    const w = 24 + label.length * 7.2 + 20;
    if (x > x0 && x + w > x0 + maxWidth) {
      x = x0;
      y += rowHeight;
    }
    parts.push(
      `<g transform="translate(${n(x)},${n(y)})">${item.swatch}` +
        `<text x="24" y="13" font-size="${LABEL_SIZE}" fill="${TEXT_COLOUR}">${escapeXml(label)}</text></g>`,
    );
    x += w;
  }
  parts.push('</g>');
  return { svg: parts.join(''), height: items.length === 0 ? 0 : y - y0 + rowHeight };
}

export function barChartSvg(input: BarChartInput): string {
  checkBarData(input);
  const width = input.width ?? 720;
  const height = input.height ?? 400;
  const id = safeId(input.id ?? idFrom(`${input.title} ${input.description}`));
  const frame = svgFrame('bar', input.title, input.description, id, width, height);
  if (input.categories.length === 0 || input.series.length === 0) return noDataSvg(frame);

  const stacked = input.layout === 'stacked';
  const series = resolveSeries(input.series, id);
  const categoryCount = input.categories.length;

  const marginLeft = 64;
  const marginRight = 16;
  const top = 12;
  const leg = legend(
    series.map((s) => ({
      label: s.label,
      swatch: `<rect width="16" height="16" fill="url(#${s.patternId})" stroke="${TEXT_COLOUR}" stroke-width="1"/>`,
    })),
    marginLeft,
    top,
    width - marginLeft - marginRight,
  );
  const unitLineY = top + leg.height + 14;
  // Room above the tallest bar for its value label.
  const plotTop = unitLineY + 30;
  const plotLeft = marginLeft;
  const plotRight = width - marginRight;
  const plotWidth = plotRight - plotLeft;
  const band = plotWidth / categoryCount;
  const maxLabelLines = 3;
  const plotBottom = height - (maxLabelLines * 15 + 12);
  const plotHeight = Math.max(20, plotBottom - plotTop);

  const totals = input.categories.map((_, c) => series.reduce((sum, s) => sum + (s.values[c] ?? 0), 0));
  const dataMax = stacked ? Math.max(0, ...totals) : Math.max(0, ...series.flatMap((s) => s.values));
  const integerData = series.every((s) => s.values.every((v) => Number.isInteger(v)));
  const scale = niceScale(dataMax, integerData);
  const y = (v: number): number => plotBottom - (v / scale.max) * plotHeight;

  const out: string[] = [frame.open, `<defs>${series.map((s) => s.patternDef).join('')}</defs>`, leg.svg];

  if (input.unit) {
    out.push(
      `<text x="${n(plotLeft)}" y="${n(unitLineY)}" font-size="${LABEL_SIZE}" fill="${SECONDARY_TEXT_COLOUR}">` +
        `${escapeXml(input.unit === '%' ? 'Percentage' : `Number of ${input.unit}`)}</text>`,
    );
  }

  // Value axis: gridlines and tick labels.
  out.push('<g class="app-chart__axis app-chart__axis--y">');
  const tickCount = Math.round(scale.max / scale.step);
  for (let t = 0; t <= tickCount; t += 1) {
    const v = t * scale.step;
    const ty = y(v);
    out.push(
      `<line x1="${n(plotLeft)}" x2="${n(plotRight)}" y1="${n(ty)}" y2="${n(ty)}" stroke="${GRID_COLOUR}" stroke-width="1"/>` +
        `<text x="${n(plotLeft - 8)}" y="${n(ty + 4)}" text-anchor="end" font-size="${VALUE_SIZE}" fill="${TEXT_COLOUR}">` +
        `${escapeXml(formatValue(v, input.unit))}</text>`,
    );
  }
  out.push('</g>');

  // Bars.
  out.push('<g class="app-chart__bars">');
  const groupWidth = band * 0.72;
  const barWidth = stacked ? groupWidth : groupWidth / series.length;
  input.categories.forEach((category, c) => {
    const groupLeft = plotLeft + band * c + (band - groupWidth) / 2;
    let stackBase = 0;
    series.forEach((s, i) => {
      const value = s.values[c] ?? 0;
      const x = stacked ? groupLeft : groupLeft + barWidth * i;
      const yTop = stacked ? y(stackBase + value) : y(value);
      const yBottom = stacked ? y(stackBase) : plotBottom;
      const h = Math.max(0, yBottom - yTop);
      const tip = `${category}, ${s.label}: ${formatValue(value, input.unit)}`;
      out.push(
        `<rect class="app-chart__bar" x="${n(x)}" y="${n(yTop)}" width="${n(barWidth)}" height="${n(h)}" ` +
          `fill="url(#${s.patternId})" stroke="${TEXT_COLOUR}" stroke-width="1" ` +
          `data-series="${i}" data-category="${c}" data-value="${value}"><title>${escapeXml(tip)}</title></rect>`,
      );
      const label = escapeXml(formatValue(value, input.unit));
      if (stacked) {
        if (value > 0 && h >= 18 && barWidth >= 28) {
          // A solid chip of the series colour behind the label, so the pattern does not cut the text.
          const fill = textColourOn(s.colour);
          const chipWidth = formatValue(value, input.unit).length * 7.5 + 10;
          const cx = x + barWidth / 2;
          const cy = yTop + h / 2;
          out.push(
            `<rect x="${n(cx - chipWidth / 2)}" y="${n(cy - 8)}" width="${n(chipWidth)}" height="16" rx="3" fill="${s.colour}"/>` +
              `<text x="${n(cx)}" y="${n(cy + 4)}" text-anchor="middle" font-size="${VALUE_SIZE}" ` +
              `font-weight="bold" fill="${fill}">${label}</text>`,
          );
        }
      } else if (barWidth >= 16) {
        out.push(
          `<text class="app-chart__value" x="${n(x + barWidth / 2)}" y="${n(yTop - 4)}" text-anchor="middle" ` +
            `font-size="${VALUE_SIZE}" fill="${TEXT_COLOUR}">${label}</text>`,
        );
      }
      stackBase += value;
    });
    if (stacked) {
      out.push(
        `<text class="app-chart__value" x="${n(groupLeft + groupWidth / 2)}" y="${n(y(stackBase) - 4)}" text-anchor="middle" ` +
          `font-size="${VALUE_SIZE}" font-weight="bold" fill="${TEXT_COLOUR}">${escapeXml(`Total ${formatValue(stackBase, input.unit)}`)}</text>`,
      );
    }
  });
  out.push('</g>');

  // Baseline and category labels.
  out.push(
    `<line x1="${n(plotLeft)}" x2="${n(plotRight)}" y1="${n(plotBottom)}" y2="${n(plotBottom)}" stroke="${TEXT_COLOUR}" stroke-width="1.5"/>`,
  );
  out.push('<g class="app-chart__axis app-chart__axis--x">');
  input.categories.forEach((category, c) => {
    const cx = plotLeft + band * c + band / 2;
    const lines = wrapLabel(category, band / 7, maxLabelLines);
    const tspans = lines
      .map((line, i) => `<tspan x="${n(cx)}" dy="${i === 0 ? 0 : 15}">${escapeXml(line)}</tspan>`)
      .join('');
    out.push(
      `<text x="${n(cx)}" y="${n(plotBottom + 18)}" text-anchor="middle" font-size="${LABEL_SIZE}" fill="${TEXT_COLOUR}">${tspans}</text>`,
    );
  });
  out.push('</g></svg>');
  return out.join('');
}

/** One compliance row per category: counts of obligations met on time, met late and overdue. */
export interface ComplianceCounts {
  category: string;
  met: number;
  metLate: number;
  overdue: number;
}

/** Categories and series for a compliance bar chart, in the compliance colours and patterns. */
export function complianceSeries(rows: ComplianceCounts[]): Pick<BarChartInput, 'categories' | 'series'> {
  return {
    categories: rows.map((r) => r.category),
    series: [
      { label: 'Met on time', values: rows.map((r) => r.met), ...COMPLIANCE_STYLES.met },
      { label: 'Met late', values: rows.map((r) => r.metLate), ...COMPLIANCE_STYLES['met-late'] },
      { label: 'Overdue', values: rows.map((r) => r.overdue), ...COMPLIANCE_STYLES.overdue },
    ],
  };
}
