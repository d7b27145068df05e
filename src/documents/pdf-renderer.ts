import PDFDocument from 'pdfkit';
import type { DocumentRenderer, ReportDocument } from '../domain/reports/types.js';
import { dejaVuFonts, pdfBuffer } from './pdf-base.js';

const MARGIN = 36;
const PAD = 3;
const BODY = 8;

/** A4 landscape, a Russian school document: heading, table with its header on every page, signatures, page numbers. */
export function createPdfRenderer(): DocumentRenderer {
  return {
    pdf(document) {
      return render(document, dejaVuFonts());
    },
  };
}

function render(d: ReportDocument, fonts: { regular: Buffer; bold: Buffer }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    font: fonts.regular as unknown as string,
    info: { Title: d.title, Author: d.schoolName, Subject: d.period },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const done = pdfBuffer(doc);

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 14;

  doc.font('regular').fontSize(10).text(d.schoolName, left, MARGIN, { width, align: 'center' });
  doc.moveDown(0.6).font('bold').fontSize(14).text(d.title.toUpperCase(), { width, align: 'center' });
  doc.moveDown(0.3).font('regular').fontSize(10).text(`${d.scope}; период ${d.period}`, { width, align: 'center' });
  doc.moveDown(0.8);

  const total = d.table.columns.reduce((s, c) => s + c.width, 0);
  const widths = d.table.columns.map((c) => (c.width / total) * width);
  const rowHeight = (cells: string[], font: string) => {
    doc.font(font).fontSize(BODY);
    return Math.max(...cells.map((t, i) => doc.heightOfString(t || ' ', { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
  };
  const drawRow = (cells: string[], font: string, y: number, h: number, shade: boolean) => {
    let x = left;
    doc.font(font).fontSize(BODY);
    cells.forEach((t, i) => {
      const w = widths[i]!;
      if (shade) doc.rect(x, y, w, h).fillAndStroke('#eeeeee', '#000000').fillColor('#000000');
      else doc.rect(x, y, w, h).stroke();
      doc.text(t, x + PAD, y + PAD, {
        width: w - 2 * PAD,
        align: shade ? 'center' : (d.table.columns[i]!.align ?? 'left'),
        lineBreak: true,
      });
      x += w;
    });
  };
  const headers = d.table.columns.map((c) => c.header);
  const headerHeight = rowHeight(headers, 'bold');
  doc.lineWidth(0.5);
  let y = doc.y;
  drawRow(headers, 'bold', y, headerHeight, true);
  y += headerHeight;
  for (const row of d.table.rows) {
    const h = rowHeight(row, 'regular');
    if (y + h > bottom()) {
      doc.addPage();
      y = MARGIN;
      drawRow(headers, 'bold', y, headerHeight, true);
      y += headerHeight;
    }
    drawRow(row, 'regular', y, h, false);
    y += h;
  }
  if (!d.table.rows.length) {
    doc
      .font('regular')
      .fontSize(BODY)
      .text('Нет данных за период', left, y + PAD, { width });
    y += 16;
  }

  if (d.notes?.length) {
    doc.font('regular').fontSize(9);
    y += 8;
    for (const note of d.notes) {
      const h = doc.heightOfString(note, { width });
      if (y + h > bottom()) {
        doc.addPage();
        y = MARGIN;
      }
      doc.text(note, left, y, { width });
      y += h + 2;
    }
  }
  const signaturesHeight = 28 * d.signatures.length + 40;
  if (y + signaturesHeight > bottom()) {
    doc.addPage();
    y = MARGIN;
  }
  y += 20;
  doc.font('regular').fontSize(10);
  for (const role of d.signatures) {
    doc.text(`${role}  ______________________ / ______________________ /`, left, y, { width, lineBreak: false });
    y += 28;
  }
  doc.text('Дата «____» ________________ 20____ г.', left, y, { width, lineBreak: false });

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .text(`Стр. ${i + 1} из ${range.count}`, left, doc.page.height - MARGIN - 4, { width, align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}
