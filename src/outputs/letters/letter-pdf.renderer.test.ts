import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { complaintAcknowledgementLetter } from './complaint-acknowledgement-letter.model.js';
import { crimeReportConfirmationLetter } from './crime-report-confirmation-letter.model.js';
import {
  FilingLetterNotPermittedError,
  filingLetter,
  type FilingLetterInput,
} from './filing-letter.model.js';
import { letterBase } from './fixtures/letter-input.fixture.js';
import { renderLetterPdf } from './letter-pdf.renderer.js';
import type { LetterDocument } from './letter.types.js';
import { noFurtherActionLetter } from './no-further-action-letter.model.js';

interface ParsedPdf {
  text: string;
  numpages: number;
  info: Record<string, unknown>;
}
// pdf-parse's index runs a self-test when it has no parent module; the library entry point does not.
const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as (
  data: Buffer,
) => Promise<ParsedPdf>;

async function render(letter: LetterDocument): Promise<{ pdf: Buffer; text: string; parsed: ParsedPdf }> {
  const pdf = await renderLetterPdf(letter, { createdAt: new Date('2026-06-03T09:00:00Z') });
  const parsed = await pdfParse(pdf);
  return { pdf, parsed, text: parsed.text.replace(/\s+/g, ' ') };
}

function assertKeyContent(text: string): void {
  assert.match(text, /CONFIDENTIAL/);
  assert.match(text, /46\/123456\/26/);
  assert.match(text, /Sam Patel/);
  assert.match(text, /collar number 12345/);
  assert.match(text, /sam\.patel@kent\.police\.uk/);
  assert.match(text, /Kent Police/);
  assert.match(text, /ME15 9BZ/);
  assert.match(text, /Ms Jane Smith/);
  assert.match(text, /3 June 2026/);
}

describe('renderLetterPdf', () => {
  it('should render the crime report confirmation with its key content', async () => {
    const letter = crimeReportConfirmationLetter({
      ...letterBase(),
      reportedOn: '2026-06-01',
      enhanced: false,
    });
    const { pdf, text, parsed } = await render(letter);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assertKeyContent(text);
    assert.match(text, /Confirmation of your crime report/);
    assert.match(text, /0808 168 9111/);
    assert.match(text, /to make a complaint if you feel your rights have not been met/);
    assert.equal(parsed.info.Title, 'Confirmation of your crime report');
    assert.equal(parsed.info.Author, 'Kent Police');
  });

  it('should produce a tagged en-GB PDF with an embedded font and a displayed title', async () => {
    const letter = crimeReportConfirmationLetter({
      ...letterBase(),
      reportedOn: '2026-06-01',
      enhanced: true,
    });
    const { pdf } = await render(letter);
    const raw = pdf.toString('latin1');
    assert.match(raw, /\/StructTreeRoot/);
    assert.match(raw, /\/MarkInfo/);
    assert.match(raw, /\/Lang \(en-GB\)/);
    assert.match(raw, /\/DisplayDocTitle true/);
    for (const tag of ['Document', 'H1', 'H2', 'P', 'L', 'LI']) {
      assert.match(raw, new RegExp(`/S /${tag}\\b`), `structure tag ${tag}`);
    }
    assert.match(raw, /\/FontFile2/, 'the TrueType font is embedded');
    assert.match(raw, /DejaVuSans/);
    assert.doesNotMatch(raw, /Helvetica/, 'no unembedded standard font');
  });

  it('should render the filing letter with its confidentiality marking and reopening text', async () => {
    const input: FilingLetterInput = {
      ...letterBase(),
      authority: { permitted: true },
      addressConfirmedSafe: true,
      reportedOn: '2026-04-20',
    };
    const { text } = await render(filingLetter(input));
    assertKeyContent(text);
    assert.match(text, /we are filing your report/);
    assert.match(text, /can be reopened/);
  });

  it('should never reach the renderer with a filing letter that is not permitted', () => {
    const input = {
      ...letterBase(),
      authority: { permitted: false },
      addressConfirmedSafe: true,
      reportedOn: '2026-04-20',
    } as unknown as FilingLetterInput;
    assert.throws(() => filingLetter(input), FilingLetterNotPermittedError);
  });

  it('should render the no-further-action letter with the reasons and review rights', async () => {
    const { text } = await render(
      noFurtherActionLetter({
        ...letterBase(),
        decisionDate: '2026-06-02',
        reasons: ['There is not enough evidence to identify who was responsible.'],
      }),
    );
    assertKeyContent(text);
    assert.match(text, /not enough evidence to identify who was responsible/);
    assert.match(text, /Your right to ask for a review/);
    assert.match(text, /Victims' Right to Review scheme/);
    assert.match(text, /within 3 months/);
  });

  it('should render the complaint acknowledgement with both references', async () => {
    const { text } = await render(
      complaintAcknowledgementLetter({
        ...letterBase(),
        complaintReference: 'CO/2026/0042',
        receivedOn: '2026-05-28',
        likelyTimescale: 'within 20 working days',
      }),
    );
    assertKeyContent(text);
    assert.match(text, /Complaint reference: CO\/2026\/0042/);
    assert.match(text, /within 10 working days/);
  });

  it('should keep text outside Latin-1 (names, accents) through the embedded font', async () => {
    const base = letterBase();
    const letter = crimeReportConfirmationLetter({
      ...base,
      recipient: { ...base.recipient, name: 'Mr Łukasz Wróbel', salutationName: 'Mr Wróbel' },
      reportedOn: '2026-06-01',
      enhanced: false,
    });
    const { text } = await render(letter);
    assert.match(text, /Łukasz Wróbel/);
  });
});
