import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';

// A CommonJS package whose types say `export default`: at run time the import is the function itself.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** The text of a PDF as poppler's pdftotext reads it: `layout` keeps the page's columns, `raw` the drawing order. */
export function pdfText(pdf: Buffer, mode: 'layout' | 'raw' = 'layout'): string {
  const dir = mkdtempSync(join(tmpdir(), 'sj-pdf-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    return execFileSync('pdftotext', [`-${mode}`, join(dir, 'in.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A greyscale raster: one byte per pixel, 0 black. */
export interface GreyImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** Rasterises every page of a PDF as a printer or scanner would: poppler's pdftoppm, 150 dpi, greyscale. */
export function pdfPages(pdf: Buffer, dpi = 150): GreyImage[] {
  const dir = mkdtempSync(join(tmpdir(), 'sj-qr-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', join(dir, 'in.pdf'), join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => parsePgm(readFileSync(join(dir, f))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Binary PGM (P5): a text header of magic, width, height and maxval, then the bytes. */
function parsePgm(data: Buffer): GreyImage {
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(data[i]!))) i++;
    if (data[i] === 0x23) {
      while (data[i] !== 0x0a) i++;
      continue;
    }
    const start = i;
    while (!/\s/.test(String.fromCharCode(data[i]!))) i++;
    fields.push(data.subarray(start, i).toString('latin1'));
  }
  const [magic, w, h, max] = fields;
  if (magic !== 'P5' || max !== '255') throw new Error(`not an 8-bit binary PGM: ${fields.join(' ')}`);
  const width = Number(w);
  const height = Number(h);
  return { width, height, pixels: data.subarray(i + 1, i + 1 + width * height) };
}

/** A rectangle of the image given as fractions of its size. */
export function crop(img: GreyImage, x0: number, y0: number, x1: number, y1: number): GreyImage {
  const [left, top] = [Math.floor(x0 * img.width), Math.floor(y0 * img.height)];
  const width = Math.floor(x1 * img.width) - left;
  const height = Math.floor(y1 * img.height) - top;
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    pixels.set(img.pixels.subarray((top + y) * img.width + left, (top + y) * img.width + left + width), y * width);
  return { width, height, pixels };
}

/** What a phone camera would read from the image: jsQR over it, or null when it finds no code. */
export function readQr(img: GreyImage): string | null {
  const rgba = new Uint8ClampedArray(img.width * img.height * 4);
  for (let p = 0; p < img.pixels.length; p++) {
    const v = img.pixels[p]!;
    rgba[4 * p] = v;
    rgba[4 * p + 1] = v;
    rgba[4 * p + 2] = v;
    rgba[4 * p + 3] = 255;
  }
  return jsQR(rgba, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

/**
 * Every QR code of a slips PDF, page by page, slip by slip: jsQR reads one code per image, so
 * each page is cut along the slips' grid (2 × 4 on A4 with 28 pt margins) first.
 */
export function slipQrCodes(pdf: Buffer, columns = 2, rows = 4): (string | null)[] {
  const margin = 28 / 595.28;
  const marginY = 28 / 841.89;
  const found: (string | null)[] = [];
  for (const page of pdfPages(pdf)) {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const w = (1 - 2 * margin) / columns;
        const h = (1 - 2 * marginY) / rows;
        found.push(readQr(crop(page, margin + c * w, marginY + r * h, margin + (c + 1) * w, marginY + (r + 1) * h)));
      }
    }
  }
  return found;
}
