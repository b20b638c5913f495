/** The numbers behind a chart as a table, shaped for the GOV.UK table macro. */
import type { BarChartInput, ChartTable, ChartTableCell, LineChartInput } from './chart.types.js';
import { formatValue } from './chart-style.helpers.js';

const numeric = (text: string): ChartTableCell => ({ text, format: 'numeric' });

/** `{{ govukTable(chartTable(input)) }}` beside the chart shows the same figures. */
export function chartTable(input: BarChartInput | LineChartInput): ChartTable {
  const base = {
    caption: input.title,
    captionClasses: 'govuk-table__caption--m',
    firstCellIsHeader: true as const,
  };
  if ('periods' in input) {
    const unit = input.unit ?? '%';
    return {
      ...base,
      head: [{ text: input.periodLabel ?? 'Month' }, ...input.series.map((s) => numeric(s.label))],
      rows: input.periods.map((period, p) => [
        { text: period },
        ...input.series.map((s) => {
          const v = s.values[p];
          return numeric(v === null || v === undefined ? 'No data' : formatValue(v, unit));
        }),
      ]),
    };
  }
  const stacked = input.layout === 'stacked';
  return {
    ...base,
    head: [
      { text: input.categoryLabel ?? 'Category' },
      ...input.series.map((s) => numeric(s.label)),
      ...(stacked ? [numeric('Total')] : []),
    ],
    rows: input.categories.map((category, c) => {
      const values = input.series.map((s) => s.values[c] ?? 0);
      const total = values.reduce((a, b) => a + b, 0);
      return [
        { text: category },
        ...values.map((v) => numeric(formatValue(v, input.unit))),
        ...(stacked ? [numeric(formatValue(total, input.unit))] : []),
      ];
    }),
  };
}
