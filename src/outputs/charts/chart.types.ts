/** Inputs for the server-made SVG charts and the table that shows the same numbers. */

/** Colours from the GOV.UK Frontend palette (v6) that reach 3:1 against white. */
export type ChartColour = 'blue' | 'green' | 'red' | 'orange' | 'purple' | 'teal' | 'magenta' | 'dark-grey';

/** Fill patterns, so a series is told apart without relying on colour. */
export type ChartPattern = 'solid' | 'diagonal' | 'dots' | 'crosshatch' | 'horizontal' | 'vertical';

export interface BarSeries {
  label: string;
  /** One value per category, in category order. Finite and not negative. */
  values: number[];
  colour?: ChartColour;
  pattern?: ChartPattern;
}

export interface BarChartInput {
  title: string;
  /** A sentence or two saying what the chart shows and its main message, for people who cannot see it. */
  description: string;
  categories: string[];
  series: BarSeries[];
  /** `grouped`: bars side by side (default). `stacked`: one bar per category, segments stacked. */
  layout?: 'grouped' | 'stacked';
  /** e.g. "obligations" or "%"; shown on the value axis. */
  unit?: string;
  /** Heading of the category column in `chartTable`, e.g. "Team". Default "Category". */
  categoryLabel?: string;
  width?: number;
  height?: number;
  /** Prefix for element ids; must be unique on the page. Default: derived from the title. */
  id?: string;
}

export interface LineSeries {
  label: string;
  /** One value per period; `null` where there is no figure for that period. */
  values: (number | null)[];
  colour?: ChartColour;
}

export interface LineChartInput {
  title: string;
  description: string;
  /** Period labels in order, e.g. "Jan 2026" (see `monthLabel`). */
  periods: string[];
  series: LineSeries[];
  /** Default "%". */
  unit?: string;
  /** Top of the value axis; default 100 (percentages 0-100). */
  yMax?: number;
  /** Heading of the period column in `chartTable`. Default "Month". */
  periodLabel?: string;
  width?: number;
  height?: number;
  id?: string;
}

/** A cell as the GOV.UK table macro takes it. */
export interface ChartTableCell {
  text: string;
  format?: 'numeric';
}

/** Shaped for `govukTable(...)`: `{{ govukTable(chartTable(chart)) }}`. */
export interface ChartTable {
  caption: string;
  captionClasses: string;
  firstCellIsHeader: true;
  head: ChartTableCell[];
  rows: ChartTableCell[][];
}
