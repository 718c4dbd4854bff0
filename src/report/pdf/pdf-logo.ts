import { svgToPdfKit } from './pdf-document.js';

/**
 * Draws a study's logo when it is an inline image: a PNG or JPEG `data:` URL, or SVG markup (drawn without
 * scripts or links: svg-to-pdfkit only paints shapes and text). Anything else (a path, a remote URL) is
 * ignored: the PDF never reads a file or the network because of a setting. Returns whether it drew.
 */
export function drawLogo(doc: PDFKit.PDFDocument, logo: string | null | undefined, x: number, y: number, width: number, height: number): boolean {
  if (!logo) return false;
  const data = /^data:image\/(?:png|jpeg);base64,([A-Za-z0-9+/=\s]+)$/.exec(logo);
  try {
    if (data) {
      doc.image(Buffer.from(data[1], 'base64'), x, y, { fit: [width, height] });
      return true;
    }
    if (/^\s*<svg[\s>]/i.test(logo)) {
      svgToPdfKit()(doc, logo, x, y, { width, height, preserveAspectRatio: 'xMinYMin meet' });
      return true;
    }
  } catch {
    return false;
  }
  return false;
}
