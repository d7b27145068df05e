import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export interface Fonts {
  regular: Buffer;
  bold: Buffer;
  mono: Buffer;
}

let loaded: Fonts | null = null;

/** The DejaVu TTFs from the npm package (Cyrillic): read once per process, embedded (subset) in every document. */
export function dejaVuFonts(): Fonts {
  if (loaded) return loaded;
  const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  const read = (name: string) => readFileSync(join(dir, name));
  loaded = { regular: read('DejaVuSans.ttf'), bold: read('DejaVuSans-Bold.ttf'), mono: read('DejaVuSansMono-Bold.ttf') };
  return loaded;
}

/** The whole PDF once pdfkit has finished it; subscribe before drawing, call `doc.end()` after. */
export function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
