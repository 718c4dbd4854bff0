import { svgToPdfKit } from './pdf-document.js';

/**
 * Draws a study's logo when it is an inline image: a PNG or JPEG `data:` URL, or SVG markup (drawn without
 * scripts or links: svg-to-pdfkit only paints shapes and text). Anything else (a path, a remote URL) is
 * ignored: the PDF never reads a file or the network because of a setting. `wrap` receives the painting
 * once the logo is known to be drawable (to put it in a Figure of a tagged PDF). Returns whether it drew.
 */
export function drawLogo(
  doc: PDFKit.PDFDocument,
  logo: string | null | undefined,
  x: number,
  y: number,
  width: number,
  height: number,
  wrap: (draw: () => void) => void = (draw) => draw(),
): boolean {
  if (!logo) return false;
  const data = /^data:image\/(?:png|jpeg);base64,([A-Za-z0-9+/=\s]+)$/.exec(logo);
  let drew = false;
  const paint = (draw: () => void) =>
    wrap(() => {
      try {
        draw();
        drew = true;
      } catch {
        drew = false; // a broken SVG: whatever was painted stays inside the wrapper's marked content
      }
    });
  try {
    if (data) {
      // opened first: a broken image throws here, before anything is painted
      const image = (doc as unknown as { openImage(src: Buffer): PDFKit.Mixins.ImageSrc }).openImage(Buffer.from(data[1], 'base64'));
      paint(() => doc.image(image, x, y, { fit: [width, height] }));
    } else if (/^\s*<svg[\s>]/i.test(logo)) {
      paint(() => svgToPdfKit()(doc, logo, x, y, { width, height, preserveAspectRatio: 'xMinYMin meet' }));
    }
  } catch {
    return false;
  }
  return drew;
}
