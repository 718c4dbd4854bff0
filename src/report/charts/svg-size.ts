/**
 * The size in pixels of a rendered chart (its root `width` and `height`, equal to the spec's), for
 * placing it in a PDF: svg-to-pdfkit needs both, with `preserveAspectRatio: 'xMinYMin meet'`, to scale it.
 * @throws RangeError when the root element carries no numeric size.
 */
export function svgSize(svg: string): { readonly width: number; readonly height: number } {
  const root = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) throw new RangeError('svgSize: the root <svg> has no width and height');
  return Object.freeze({ width, height });
}
