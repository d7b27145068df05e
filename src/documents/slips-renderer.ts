import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { AccessSlip, SlipRenderer, SlipSheet } from '../domain/access/class-codes.js';
import { numericDate } from '../domain/shared/dates.js';
import { dejaVuFonts, pdfBuffer } from './pdf-base.js';

const MARGIN = 28;
const COLUMNS = 2;
const ROWS = 4;
const PAD = 10;
/** Printed at ~4 cm: a phone reads it from arm's length, and 150 dpi scans keep ≥ 6 px per module. */
const QR_SIZE = 118;
/** The white border a reader needs around the symbol, in modules (the standard's quiet zone). */
const QUIET = 2;

/**
 * Access-code slips, eight to an A4 page (2 × 4) with dashed cut lines: the person, whose parent
 * they are (or the class, for a student), the code in large letters, the link and its QR code
 * drawn as vector squares, so it stays sharp at any printer resolution.
 */
export function createSlipRenderer(): SlipRenderer {
  return { slipsPdf: (sheet) => render(sheet) };
}

function render(sheet: SlipSheet): Promise<Buffer> {
  const fonts = dejaVuFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    font: fonts.regular as unknown as string,
    info: { Title: `Коды доступа: ${sheet.groupName}`, Author: sheet.schoolName },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.registerFont('mono', fonts.mono);
  const done = pdfBuffer(doc);
  const w = (doc.page.width - 2 * MARGIN) / COLUMNS;
  const h = (doc.page.height - 2 * MARGIN) / ROWS;
  sheet.slips.forEach((slip, i) => {
    const onPage = i % (COLUMNS * ROWS);
    if (i > 0 && onPage === 0) doc.addPage();
    if (onPage === 0) cutLines(doc, w, h);
    drawSlip(doc, sheet, slip, MARGIN + (onPage % COLUMNS) * w, MARGIN + Math.floor(onPage / COLUMNS) * h, w, h);
  });
  doc.end();
  return done;
}

function cutLines(doc: PDFKit.PDFDocument, w: number, h: number): void {
  doc.save().lineWidth(0.5).dash(4, { space: 3 }).strokeColor('#888888');
  for (let c = 0; c <= COLUMNS; c++) doc.moveTo(MARGIN + c * w, MARGIN).lineTo(MARGIN + c * w, MARGIN + ROWS * h);
  for (let r = 0; r <= ROWS; r++) doc.moveTo(MARGIN, MARGIN + r * h).lineTo(MARGIN + COLUMNS * w, MARGIN + r * h);
  doc.stroke().undash().restore();
}

function drawSlip(doc: PDFKit.PDFDocument, sheet: SlipSheet, slip: AccessSlip, x: number, y: number, w: number, h: number): void {
  const textWidth = w - QR_SIZE - 3 * PAD;
  const left = x + PAD;
  doc
    .fillColor('#000000')
    .font('regular')
    .fontSize(7)
    .text(`${sheet.schoolName} · ${sheet.groupName}`, left, y + PAD, { width: textWidth });
  doc.moveDown(0.4).font('bold').fontSize(10).text(slip.name, { width: textWidth });
  const whose = slip.kind === 'parent' ? `Родитель: ${slip.forWhom.join(', ')}` : `Ученик, класс ${sheet.groupName}`;
  doc.moveDown(0.2).font('regular').fontSize(8).text(whose, { width: textWidth });
  doc.moveDown(0.5).fontSize(7).text('Код доступа:', { width: textWidth });
  doc.font('mono').fontSize(15).text(spaced(slip.code), { width: textWidth });
  doc.moveDown(0.4).font('regular').fontSize(7);
  const how = slip.link
    ? 'Наведите камеру телефона на QR-код или откройте ссылку, затем нажмите «Старт»:'
    : 'Найдите бота школы в Telegram и отправьте ему код:';
  doc.text(how, { width: textWidth });
  doc.text(slip.link ?? `/start ${slip.code}`, { width: textWidth, link: slip.link ?? undefined, underline: Boolean(slip.link) });
  doc.moveDown(0.4).text(`Код одноразовый, действует до ${numericDate(slip.validUntil)}.`, { width: textWidth });
  const qrTop = y + PAD + 8;
  if (slip.link) drawQr(doc, slip.link, x + w - PAD - QR_SIZE, qrTop);
  if (slip.maxLink)
    drawMaxLink(doc, slip.maxLink, left, Math.max(doc.y + 2, slip.link ? qrTop + QR_SIZE + 2 : 0), w - 2 * PAD, y + h - PAD);
}

/**
 * MAX's deep link as one small line under the column and the QR code, across the slip (the QR
 * code stays Telegram's): smaller type rather than a wrap, and never past the slip's bottom.
 */
function drawMaxLink(doc: PDFKit.PDFDocument, link: string, x: number, top: number, width: number, bottom: number): void {
  const text = `Или в MAX: ${link}`;
  let size = 7;
  doc.font('regular');
  while (size > 5 && doc.fontSize(size).widthOfString(text) > width) size -= 0.25;
  while (size > 4.5 && top + doc.fontSize(size).heightOfString(text, { width }) > bottom) size -= 0.25;
  doc.fontSize(size).text(text, x, top, { width, link, underline: true, height: Math.max(bottom - top, size) });
}

/** The code in groups of five: easier to copy from paper, and the bot forgives the space. */
function spaced(code: string): string {
  return code.replace(/(.{5})(?=.)/g, '$1 ');
}

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = QR_SIZE / (modules.size + 2 * QUIET);
  const origin = { x: x + QUIET * cell, y: y + QUIET * cell };
  doc.save().fillColor('#000000');
  for (let r = 0; r < modules.size; r++) {
    // One rectangle per run of dark modules: fewer path operations, and no hairline gaps between squares.
    let c = 0;
    while (c < modules.size) {
      if (!modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < modules.size && modules.get(r, c)) c++;
      doc.rect(origin.x + start * cell, origin.y + r * cell, (c - start) * cell, cell);
    }
  }
  doc.fill().restore();
}
