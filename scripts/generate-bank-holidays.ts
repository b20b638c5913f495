/**
 * Writes src/domain/calendar/bank-holidays.england-and-wales.json from the date-holidays package
 * (offline data; it carries the one-off days of 2022 and 2023 and substitute days). Weekend dates are
 * left out, as on gov.uk's list. Run: node bin/tsx.js scripts/generate-bank-holidays.ts [fromYear] [toYear]
 */
import Holidays from 'date-holidays';
import { writeFileSync } from 'node:fs';

const from = Number(process.argv[2] ?? 2018);
const to = Number(process.argv[3] ?? 2035);
const hd = new Holidays('GB', 'ENG');
const days: { date: string; name: string }[] = [];
for (let year = from; year <= to; year++) {
  for (const h of hd.getHolidays(year)) {
    if (h.type !== 'public' && h.type !== 'bank') continue;
    const date = h.date.slice(0, 10);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    days.push({ date, name: h.name });
  }
}
const doc = {
  division: 'england-and-wales',
  source: `date-holidays ${from}-${to} (weekdays only)`,
  events: days,
};
writeFileSync(
  new URL('../src/domain/calendar/bank-holidays.england-and-wales.json', import.meta.url),
  JSON.stringify(doc, null, 1) + '\n',
);
console.log(`wrote ${days.length} bank holidays ${from}-${to}`);
