/**
 * Small, valid documents to upload: JPEG and PNG drawn by the browser's canvas (real encoders,
 * so the server's and the widget's content checks see real files), and a one-page PDF written
 * here with a correct cross-reference table.
 */
import type { Page } from 'playwright-core';

export type UploadFile = { name: string; mimeType: string; buffer: Buffer };

/** A 320×200 "card" with `label` on it, encoded by the page's canvas. */
export async function canvasImage(page: Page, mimeType: 'image/jpeg' | 'image/png', name: string, label: string): Promise<UploadFile> {
  const dataUrl = await page.evaluate(
    ([type, text]) => {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 200;
      const g = canvas.getContext('2d');
      if (!g) throw new Error('no 2d canvas');
      g.fillStyle = '#dfe9f5';
      g.fillRect(0, 0, 320, 200);
      g.fillStyle = '#0b4f8a';
      g.fillRect(0, 0, 320, 36);
      g.fillStyle = '#fff';
      g.font = 'bold 20px sans-serif';
      g.fillText(text, 12, 25);
      g.fillStyle = '#334';
      for (let i = 0; i < 5; i++) g.fillRect(120, 56 + i * 26, 170 - i * 12, 10);
      g.fillStyle = '#9ab';
      g.fillRect(16, 56, 88, 110);
      return canvas.toDataURL(type, 0.85);
    },
    [mimeType, label] as const,
  );
  const [, base64 = ''] = dataUrl.split(',');
  return { name, mimeType, buffer: Buffer.from(base64, 'base64') };
}

/** A one-page PDF with `text` on it. */
export function pdf(name: string, text: string): UploadFile {
  const content = `BT /F1 18 Tf 40 140 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return { name, mimeType: 'application/pdf', buffer: Buffer.from(out, 'latin1') };
}
