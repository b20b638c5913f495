/** Colours, patterns, contrast and number formats shared by the charts. */
import type { ChartColour, ChartPattern } from './chart.types.js';

/** GOV.UK Frontend 6 palette values (orange is its 25% shade: the primary orange is under 3:1 on white). */
export const CHART_COLOURS: Record<ChartColour, string> = {
  blue: '#1d70b8',
  green: '#0f7a52',
  red: '#ca3535',
  orange: '#b7592a',
  purple: '#54319f',
  teal: '#158187',
  magenta: '#ca357c',
  'dark-grey': '#505a5f',
};

export const TEXT_COLOUR = '#0b0c0c';
export const SECONDARY_TEXT_COLOUR = '#505a5f';
export const GRID_COLOUR = '#b1b4b6';
export const BACKGROUND = '#ffffff';

export const DEFAULT_COLOUR_ORDER: ChartColour[] = [
  'blue',
  'orange',
  'teal',
  'purple',
  'magenta',
  'green',
  'red',
  'dark-grey',
];
export const DEFAULT_PATTERN_ORDER: ChartPattern[] = [
  'solid',
  'diagonal',
  'dots',
  'crosshatch',
  'horizontal',
  'vertical',
];

/** Series styles for compliance charts: met on time, met late, overdue. */
export const COMPLIANCE_STYLES = {
  met: { colour: 'green', pattern: 'solid' },
  'met-late': { colour: 'orange', pattern: 'diagonal' },
  overdue: { colour: 'red', pattern: 'crosshatch' },
} as const satisfies Record<string, { colour: ChartColour; pattern: ChartPattern }>;

function channel(hex: string, offset: number): number {
  const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** WCAG contrast ratio between two `#rrggbb` colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on the given fill. */
export function textColourOn(fill: string): string {
  return contrastRatio(fill, BACKGROUND) >= contrastRatio(fill, TEXT_COLOUR) ? BACKGROUND : TEXT_COLOUR;
}

/** `<pattern>` for a series: its colour with a white overlay (lines or dots) unless solid. */
export function patternDef(id: string, colour: string, pattern: ChartPattern): string {
  const size = 8;
  const overlay: Record<ChartPattern, string> = {
    solid: '',
    diagonal: `<path d="M-2,2 l4,-4 M0,${size} l${size},-${size} M${size - 2},${size + 2} l4,-4" stroke="#ffffff" stroke-width="2"/>`,
    dots: `<circle cx="${size / 2}" cy="${size / 2}" r="1.6" fill="#ffffff"/>`,
    crosshatch: `<path d="M0,0 L${size},${size} M${size},0 L0,${size}" stroke="#ffffff" stroke-width="1.5"/>`,
    horizontal: `<path d="M0,${size / 2} H${size}" stroke="#ffffff" stroke-width="2"/>`,
    vertical: `<path d="M${size / 2},0 V${size}" stroke="#ffffff" stroke-width="2"/>`,
  };
  return (
    `<pattern id="${id}" patternUnits="userSpaceOnUse" width="${size}" height="${size}">` +
    `<rect width="${size}" height="${size}" fill="${colour}"/>${overlay[pattern]}</pattern>`
  );
}

/** Escape text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // Characters XML 1.0 does not allow at all.
      // eslint-disable-next-line no-control-regex -- these control characters are exactly what must go
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
  );
}

/** A stable id prefix from text: lower kebab, plus a short hash so two similar titles differ. */
export function idFrom(text: string): string {
  let hash = 5381;
  for (let i = 0; i < text.length; i += 1) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  const stem = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24);
  return `chart-${stem ? `${stem}-` : ''}${hash.toString(36)}`;
}

/** Checks an id given by a caller is a safe XML id. */
export function safeId(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `c-${cleaned}`;
}

/** Up to one decimal place, en-GB grouping; "%" appended for percentages. */
export function formatValue(value: number, unit: string | undefined): string {
  const text = value.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  return unit === '%' ? `${text}%` : text;
}

/** A rounded axis maximum and tick step for data up to `max`. Never zero, never NaN. */
export function niceScale(max: number, integerData: boolean, targetTicks = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: integerData ? 1 : 1, step: integerData ? 1 : 0.2 };
  const raw = max / targetTicks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  let step = (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude;
  if (integerData) step = Math.max(1, Math.round(step));
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

/** Splits a label into lines of at most `maxChars`, at most `maxLines`, with an ellipsis when cut. */
export function wrapLabel(label: string, maxChars: number, maxLines: number): string[] {
  const limit = Math.max(3, Math.floor(maxChars));
  const words = label
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= limit) {
      line = candidate;
    } else {
      if (line) lines.push(line);
      line = word.length > limit ? `${word.slice(0, limit - 1)}…` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    const last = kept[maxLines - 1] ?? '';
    kept[maxLines - 1] = `${last.slice(0, limit - 1)}…`;
    return kept;
  }
  return lines;
}

/** Two decimals are plenty for SVG coordinates. */
export function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}
