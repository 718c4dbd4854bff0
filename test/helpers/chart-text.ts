/**
 * How big the text of a page's charts is on screen, in CSS px: for every chart drawn as an SVG, inline or
 * as an `<img>` (a file or a data: URL, through `<picture>` or not), every non-empty `<text>`'s computed font
 * size times the scale at which the SVG is shown. An `<img>` is measured by drawing its SVG source inline,
 * off screen, at the size the image has on the page (the browser scales both the same way: viewBox to box).
 *
 *   await page.setViewportSize({ width: 320, height: 640 });
 *   await page.goto(url);
 *   await assertChartTextAtLeast(page, 11);
 *
 * Lazy images are loaded first, so charts below the fold count too.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export interface ChartTextSize {
  /** the SVG's address (its first 80 characters for a data: URL), or `inline #n` */
  readonly chart: string;
  readonly text: string;
  /** the text's size as shown, in CSS px */
  readonly px: number;
}

/** Every `<text>` of every chart of the page with its size on screen, smallest first. */
export async function measureChartText(page: Page): Promise<ChartTextSize[]> {
  // load lazy images and wait for every chart image, so that each has its chosen source and its size
  await page.evaluate(async () => {
    const images = [...document.querySelectorAll('img')];
    for (const img of images) img.loading = 'eager';
    await Promise.all(images.map((img) => (img.complete ? Promise.resolve() : img.decode().catch(() => undefined))));
  });
  // a string, not a function: the test's TypeScript compiler would wrap a function's inner functions in helpers
  // the page does not have
  const sizes = (await page.evaluate(String.raw`(async () => {
    const out = [];
    function measure(svg, chart) {
      for (const text of svg.querySelectorAll('text')) {
        const content = (text.textContent || '').trim();
        if (content === '') continue;
        const ctm = text.getScreenCTM();
        if (!ctm) continue;
        const scale = Math.hypot(ctm.a, ctm.b);
        out.push({ chart, text: content.slice(0, 60), px: Number.parseFloat(getComputedStyle(text).fontSize) * scale });
      }
    }
    let inline = 0;
    for (const svg of document.querySelectorAll('svg')) {
      if (svg.getBoundingClientRect().width > 0 && svg.querySelector('text')) measure(svg, 'inline #' + (inline += 1));
    }
    function isSvg(src) {
      return /^data:image\/svg\+xml/.test(src) || /\.svg(\?|#|$)/.test(new URL(src, location.href).pathname);
    }
    const host = document.createElement('div');
    host.style.position = 'absolute';
    host.style.left = '-20000px';
    host.style.top = '0';
    document.body.append(host);
    try {
      for (const img of document.querySelectorAll('img')) {
        const src = img.currentSrc || img.src;
        const box = img.getBoundingClientRect();
        if (!src || !isSvg(src) || box.width === 0) continue;
        // a data: URL is decoded here: the page's Content-Security-Policy lets no script fetch one
        const base64 = /^data:image\/svg\+xml;base64,(.*)$/.exec(src);
        const source = base64
          ? new TextDecoder().decode(Uint8Array.from(atob(base64[1]), function (c) { return c.charCodeAt(0); }))
          : src.startsWith('data:')
            ? decodeURIComponent(src.slice(src.indexOf(',') + 1))
            : await (await fetch(src)).text();
        const parsed = new DOMParser().parseFromString(source, 'image/svg+xml').documentElement;
        if (!(parsed instanceof SVGSVGElement)) throw new Error('chart text: ' + src.slice(0, 80) + ' is not an SVG document');
        const svg = document.importNode(parsed, true);
        // the image's box: the SVG drawn at the size the page gives the image
        svg.setAttribute('width', String(box.width));
        svg.setAttribute('height', String(box.height));
        svg.style.maxWidth = 'none';
        svg.style.width = box.width + 'px';
        svg.style.height = box.height + 'px';
        host.replaceChildren(svg);
        measure(svg, src.startsWith('data:') ? src.slice(0, 80) : new URL(src, location.href).pathname);
      }
    } finally {
      host.remove();
    }
    return out;
  })()`)) as ChartTextSize[];
  return sizes.sort((a, b) => a.px - b.px);
}

/**
 * Fails when a text inside a chart of the page is shown smaller than `minPx` CSS px, naming the charts and
 * the texts. Returns the measurements (empty on a page without charts).
 */
export async function assertChartTextAtLeast(page: Page, minPx: number, label = page.url()): Promise<ChartTextSize[]> {
  const sizes = await measureChartText(page);
  const small = sizes.filter((s) => s.px < minPx - 0.01);
  const viewport = page.viewportSize();
  assert.equal(
    small.length,
    0,
    `chart text under ${minPx} CSS px on ${label} at ${viewport?.width}×${viewport?.height}:\n${small
      .slice(0, 10)
      .map((s) => `- ${s.px.toFixed(2)} px: "${s.text}" in ${s.chart}`)
      .join('\n')}`,
  );
  return sizes;
}
