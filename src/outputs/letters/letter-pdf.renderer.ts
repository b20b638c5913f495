/**
 * Renders a `LetterDocument` as a tagged, accessible PDF (A4, en-GB, embedded DejaVu Sans).
 *
 * Structure: a Document element holding the letterhead, addressee, date and references as paragraphs,
 * the title as H1, section headings as H2, paragraphs as P and lists as L/LI/Lbl/LBody. The protective
 * marking is read once as content at the top of page 1; the running marking and page numbers on every
 * page are pagination artifacts, so a screen reader does not repeat them.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { signOffRoleLine } from './letter-parts.model.js';
import type { LetterDocument } from './letter.types.js';

const FONT_REGULAR = 'DejaVuSans';
const FONT_BOLD = 'DejaVuSans-Bold';

let fontCache: { regular: Buffer; bold: Buffer } | null = null;

function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontCache) {
    const path = (file: string): string => fileURLToPath(new URL(`./fonts/${file}`, import.meta.url));
    fontCache = {
      regular: readFileSync(path('DejaVuSans.ttf')),
      bold: readFileSync(path('DejaVuSans-Bold.ttf')),
    };
  }
  return fontCache;
}

export interface RenderLetterPdfOptions {
  /** The PDF's creation date; defaults to now. Set it for byte-stable output in tests. */
  createdAt?: Date;
}

const MM = 72 / 25.4;
const MARGIN = 20 * MM;
const BODY_SIZE = 11;
const SMALL_SIZE = 9.5;

export async function renderLetterPdf(
  letter: LetterDocument,
  options: RenderLetterPdfOptions = {},
): Promise<Buffer> {
  const { regular, bold } = fonts();
  const createdAt = options.createdAt ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + 6, bottom: MARGIN + 6, left: MARGIN, right: MARGIN },
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    autoFirstPage: false,
    bufferPages: false,
    info: {
      Title: letter.title,
      Author: letter.letterhead.forceName,
      Subject: `${letter.title}, ${letter.references.map((r) => `${r.label} ${r.value}`).join(', ')}`,
      Creator: 'Victim Care',
      Producer: 'Victim Care (pdfkit)',
      CreationDate: createdAt,
      ModDate: createdAt,
    },
  });

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont(FONT_REGULAR, regular);
  doc.registerFont(FONT_BOLD, bold);

  // The font in use by the flowing text, restored after drawing the page furniture.
  let current = { name: FONT_REGULAR, size: BODY_SIZE };
  const use = (name: string, size: number): void => {
    current = { name, size };
    doc.font(name).fontSize(size);
  };

  let pageNumber = 0;
  doc.on('pageAdded', () => {
    pageNumber += 1;
    const { x, y } = doc;
    const width = doc.page.width - MARGIN * 2;
    doc.markContent('Artifact', { type: 'Pagination' });
    // No `width` here: a wrapped line below the bottom margin would start another page.
    const centred = (text: string, top: number): void => {
      doc.text(text, MARGIN + (width - doc.widthOfString(text)) / 2, top, { lineBreak: false });
    };
    doc.fillColor('#0b0c0c');
    if (letter.marking) {
      doc.font(FONT_BOLD).fontSize(SMALL_SIZE);
      centred(letter.marking, MARGIN / 2);
    }
    doc.font(FONT_REGULAR).fontSize(SMALL_SIZE);
    const ref = letter.references[0];
    centred(
      `${ref ? `${ref.label}: ${ref.value}   ` : ''}Page ${pageNumber}`,
      doc.page.height - MARGIN / 2 - SMALL_SIZE,
    );
    doc.endMarkedContent();
    doc.font(current.name).fontSize(current.size);
    doc.x = x;
    doc.y = y;
  });

  doc.addPage();
  const root = doc.struct('Document');
  doc.addStructure(root);
  const contentWidth = doc.page.width - MARGIN * 2;

  const para = (text: string, opts: PDFKit.Mixins.TextOptions = {}): void => {
    doc.text(text, { width: contentWidth, ...opts, structParent: root, structType: 'P' });
  };

  // Marking, read once.
  if (letter.marking) {
    use(FONT_BOLD, 12);
    para(letter.marking, { align: 'left' });
  }

  // Letterhead, top right.
  const headWidth = 75 * MM;
  const headX = doc.page.width - MARGIN - headWidth;
  const headTop = doc.page.margins.top;
  use(FONT_BOLD, 14);
  doc.text(letter.letterhead.forceName, headX, headTop, {
    width: headWidth,
    align: 'right',
    structParent: root,
    structType: 'P',
  });
  use(FONT_REGULAR, SMALL_SIZE);
  doc.text(
    [
      ...letter.letterhead.addressLines,
      `Telephone: ${letter.letterhead.phone}`,
      letter.letterhead.website,
    ].join('\n'),
    headX,
    doc.y + 2,
    { width: headWidth, align: 'right', structParent: root, structType: 'P' },
  );
  const headBottom = doc.y;

  // Addressee: positioned for a DL window envelope (about 50 mm from the top of the page).
  use(FONT_REGULAR, BODY_SIZE);
  const addressTop = Math.max(50 * MM, headBottom + 12);
  doc.text([letter.addressee.name, ...letter.addressee.addressLines].join('\n'), MARGIN, addressTop, {
    width: 90 * MM,
    structParent: root,
    structType: 'P',
  });
  doc.x = MARGIN;
  doc.moveDown(1.5);
  para(letter.dateText);
  doc.moveDown(0.5);
  use(FONT_BOLD, BODY_SIZE);
  para(letter.references.map((r) => `${r.label}: ${r.value}`).join('\n'));
  doc.moveDown(1);

  // Title.
  use(FONT_BOLD, 16);
  doc.text(letter.title, { width: contentWidth, structParent: root, structType: 'H1' });
  doc.moveDown(0.6);

  use(FONT_REGULAR, BODY_SIZE);
  para(letter.salutation);
  doc.moveDown(0.6);

  for (const block of letter.body) {
    switch (block.type) {
      case 'heading':
        if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
        doc.moveDown(0.4);
        use(FONT_BOLD, 12.5);
        doc.text(block.text, { width: contentWidth, structParent: root, structType: 'H2' });
        doc.moveDown(0.3);
        use(FONT_REGULAR, BODY_SIZE);
        break;
      case 'paragraph':
        para(block.text, { lineGap: 2 });
        doc.moveDown(0.6);
        break;
      case 'list': {
        // pdfkit adds LI elements straight to structParent: give them their L.
        const list = doc.struct('L');
        root.add(list);
        doc.list(block.items, {
          width: contentWidth,
          listType: 'bullet',
          bulletRadius: 2,
          bulletIndent: 6,
          textIndent: 16,
          lineGap: 2,
          paragraphGap: 3,
          structParent: list,
        });
        list.end();
        doc.x = MARGIN;
        doc.moveDown(0.6);
        break;
      }
    }
  }

  // Sign-off kept together.
  if (doc.y > doc.page.height - doc.page.margins.bottom - 110) doc.addPage();
  doc.moveDown(0.6);
  para(letter.signOff.closing);
  doc.moveDown(1.6);
  use(FONT_BOLD, BODY_SIZE);
  para(letter.signOff.name);
  use(FONT_REGULAR, BODY_SIZE);
  para(
    [signOffRoleLine(letter), `Telephone: ${letter.signOff.phone}`, `Email: ${letter.signOff.email}`].join(
      '\n',
    ),
  );

  root.end();
  doc.end();
  return done;
}
