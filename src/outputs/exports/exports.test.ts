import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { CSV_CONTENT_TYPE, csvFileName, toCsv } from './csv.exporter.js';
import { londonIsoDateTime, looksLikeFormula, neutraliseFormula } from './export-cell.formatter.js';
import type { ExportTable } from './export.types.js';
import { XLSX_CONTENT_TYPE, safeSheetName, toXlsx } from './xlsx.exporter.js';

/** A strict RFC 4180 reader for the tests: CRLF records, double-quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
      } else {
        field += ch;
        i += 1;
      }
    } else if (ch === '"') {
      assert.equal(field, '', 'a quote may only open a field');
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      assert.notEqual(ch, '\n', 'bare LF outside quotes is not RFC 4180');
      field += ch;
      i += 1;
    }
  }
  assert.equal(quoted, false, 'unterminated quote');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const HOSTILE = ['=HYPERLINK("http://evil","x")', '+44 1234', '-2+3', '@SUM(A1:A2)', '\tTAB', '\rCR'];

function sampleTable(): ExportTable {
  return {
    name: 'Obligations: overdue/late',
    columns: [
      { key: 'urn', header: 'Crime reference' },
      { key: 'victim', header: 'Victim' },
      { key: 'count', header: 'Count' },
      { key: 'enhanced', header: 'Enhanced' },
      { key: 'at', header: 'Contacted at' },
      { key: 'note', header: 'Note' },
    ],
    rows: [
      {
        urn: '46/123456/26',
        victim: 'Łukasz "Luke" Wróbel, Jr',
        count: -5,
        enhanced: true,
        at: new Date('2026-06-10T23:30:00Z'),
        note: 'line one\nline two',
      },
      {
        urn: '46/000001/26',
        victim: null,
        count: 0,
        enhanced: false,
        at: new Date('2026-01-10T12:00:00Z'),
        note: '',
      },
      ...HOSTILE.map((h, n) => ({
        urn: `46/9/${n}`,
        victim: h,
        count: n,
        enhanced: null,
        at: null,
        note: h,
      })),
    ],
  };
}

describe('formula neutralisation', () => {
  it('should prefix a quote to text starting with = + - @ tab or carriage return, and nothing else', () => {
    for (const h of HOSTILE) {
      assert.equal(looksLikeFormula(h), true, JSON.stringify(h));
      assert.equal(neutraliseFormula(h), `'${h}`);
    }
    for (const safe of ['Smith', '', ' =1', "'=1", '46/1/26']) {
      assert.equal(neutraliseFormula(safe), safe);
    }
  });

  it('should write instants as London local time with the offset', () => {
    assert.equal(londonIsoDateTime(new Date('2026-06-10T23:30:00Z')), '2026-06-11T00:30:00+01:00');
    assert.equal(londonIsoDateTime(new Date('2026-01-10T12:00:00Z')), '2026-01-10T12:00:00+00:00');
  });
});

describe('toCsv', () => {
  it('should start with a UTF-8 byte order mark and use CRLF line ends', () => {
    const csv = toCsv(sampleTable());
    assert.equal(csv.charCodeAt(0), 0xfeff);
    assert.deepEqual([...Buffer.from(csv, 'utf8').subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(csv.endsWith('\r\n'));
    assert.equal(CSV_CONTENT_TYPE, 'text/csv; charset=utf-8');
    assert.equal(toCsv(sampleTable(), { bom: false }).charCodeAt(0), '"'.charCodeAt(0));
  });

  it('should read back to the same values, with formulas neutralised', () => {
    const rows = parseCsv(toCsv(sampleTable()).slice(1));
    assert.deepEqual(rows[0], ['Crime reference', 'Victim', 'Count', 'Enhanced', 'Contacted at', 'Note']);
    assert.deepEqual(rows[1], [
      '46/123456/26',
      'Łukasz "Luke" Wróbel, Jr',
      '-5',
      'Yes',
      '2026-06-11T00:30:00+01:00',
      'line one\nline two',
    ]);
    assert.deepEqual(rows[2], ['46/000001/26', '', '0', 'No', '2026-01-10T12:00:00+00:00', '']);
    HOSTILE.forEach((h, n) => {
      const row = rows[3 + n];
      assert.ok(row);
      assert.equal(row[1], `'${h}`);
      assert.equal(row[5], `'${h}`);
      assert.equal(row[4], '');
    });
    assert.equal(rows.length, 3 + HOSTILE.length);
  });

  it('should quote every text field and leave numbers bare', () => {
    const csv = toCsv({
      name: 't',
      columns: [
        { key: 'a', header: 'A' },
        { key: 'n', header: 'N' },
      ],
      rows: [{ a: 'x', n: -5 }],
    });
    assert.equal(csv, '\uFEFF"A","N"\r\n"x",-5\r\n');
  });

  it('should neutralise a header and write an empty table as its header only', () => {
    const csv = toCsv({ name: 't', columns: [{ key: 'a', header: '=cmd' }], rows: [] });
    assert.deepEqual(parseCsv(csv.slice(1)), [["'=cmd"]]);
  });

  it('should suggest a safe file name', () => {
    assert.equal(csvFileName({ name: 'Obligations: overdue/late' }), 'obligations-overdue-late.csv');
    assert.equal(csvFileName({ name: '***' }), 'export.csv');
  });
});

describe('toXlsx', () => {
  async function load(tables: ExportTable[]): Promise<ExcelJS.Workbook> {
    const buffer = await toXlsx(tables, { creator: 'Kent Police' });
    assert.equal(buffer.subarray(0, 2).toString('latin1'), 'PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    return wb;
  }

  it('should write one worksheet per table with safe, unique names', async () => {
    const wb = await load([
      sampleTable(),
      { ...sampleTable(), rows: [] },
      { name: '', columns: [], rows: [] },
    ]);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['Obligations  overdue late', 'Obligations  overdue late (2)', 'Sheet'],
    );
    assert.equal(XLSX_CONTENT_TYPE, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('should have a bold, frozen header row and sensible widths', async () => {
    const sheet = (await load([sampleTable()])).worksheets[0];
    assert.ok(sheet);
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), [
      'Crime reference',
      'Victim',
      'Count',
      'Enhanced',
      'Contacted at',
      'Note',
    ]);
    assert.equal(sheet.getRow(1).getCell(1).font?.bold, true);
    const view = sheet.views[0];
    assert.ok(view);
    assert.equal(view.state, 'frozen');
    assert.equal((view as { ySplit?: number }).ySplit, 1);
    for (const col of sheet.columns) {
      assert.ok((col.width ?? 0) >= 8 && (col.width ?? 0) <= 60, `width ${col.width}`);
    }
    assert.ok((sheet.getColumn(2).width ?? 0) > (sheet.getColumn(3).width ?? 0), 'wider for longer content');
  });

  it('should keep values and types', async () => {
    const sheet = (await load([sampleTable()])).worksheets[0];
    assert.ok(sheet);
    const r2 = sheet.getRow(2);
    assert.equal(r2.getCell(1).value, '46/123456/26');
    assert.equal(r2.getCell(2).value, 'Łukasz "Luke" Wróbel, Jr');
    assert.equal(r2.getCell(3).value, -5);
    assert.equal(r2.getCell(3).type, ExcelJS.ValueType.Number);
    assert.equal(r2.getCell(4).value, 'Yes');
    const at = r2.getCell(5).value;
    assert.ok(at instanceof Date);
    assert.equal(at.toISOString(), '2026-06-11T00:30:00.000Z', 'London wall-clock time');
    assert.equal(r2.getCell(6).value, 'line one\nline two');
    assert.equal(sheet.getRow(3).getCell(2).value, null);
  });

  it('should write formula-like text as plain text, never a formula', async () => {
    const sheet = (await load([sampleTable()])).worksheets[0];
    assert.ok(sheet);
    HOSTILE.forEach((h, n) => {
      for (const col of [2, 6]) {
        const cell = sheet.getRow(4 + n).getCell(col);
        assert.equal(cell.type, ExcelJS.ValueType.String, `row ${4 + n} col ${col}`);
        assert.equal(cell.value, h.replace(/\r/g, '\n'));
        assert.equal(cell.formula, undefined);
        if (looksLikeFormula(h.replace(/\r/g, '\n'))) assert.equal(cell.numFmt, '@');
      }
    });
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        assert.notEqual(cell.type, ExcelJS.ValueType.Formula);
      });
    });
  });

  it('should truncate and de-duplicate sheet names', () => {
    const taken = new Set<string>();
    const long = 'A very long worksheet name that Excel would refuse';
    const first = safeSheetName(long, taken);
    const second = safeSheetName(long, taken);
    assert.ok(first.length <= 31 && second.length <= 31);
    assert.notEqual(first, second);
  });
});
