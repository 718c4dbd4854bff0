import { createHash } from 'node:crypto';
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import { AppError } from '../../app-error.js';
import type { Chart, ChartSpec } from './chart-types.js';
import { escapeXml, stripUnsafeCharacters } from './svg-text.js';
import { measureText } from './text-metrics.js';

interface TextItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: string | number;
  readonly limit?: number;
}

// Vega measures text to lay out axes and truncate labels. Without a canvas it guesses 0.8 em a character;
// this gives it the real advance widths of the chart font, the one the PNG and PDF renderers use.
function useChartFontMetrics(vega: typeof Vega): void {
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics;
  metrics.width = (item, text) => {
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600;
    const width = measureText(text == null ? '' : String(text).trim(), size, bold);
    return item.limit && item.limit > 0 ? Math.min(width, item.limit) : width;
  };
}

/**
 * Vega-Lite's messages, less one: a narrow chart fits its width and steps its height (`autosize: fit-x`,
 * `height: {step}`), which Vega-Lite does as asked while it warns that it drops "fit-y".
 */
const VEGA_LITE_LOGGER = {
  level(): number {
    return 2;
  },
  error(...args: unknown[]) {
    console.error('ERROR', ...args);
    return this;
  },
  warn(...args: unknown[]) {
    if (!(args.length === 1 && args[0] === 'Dropping "fit-y" because spec has discrete height.')) console.warn('WARN', ...args);
    return this;
  },
  info() {
    return this;
  },
  debug() {
    return this;
  },
};

let libraries: Promise<readonly [typeof Vega, typeof VegaLite]> | undefined;

/**
 * vega (its text measure set to the chart font) and vega-lite, loaded with the first chart rather than with
 * every module that imports this one: a start of the server or of the CLI saves their ~0.3 s of loading.
 */
function loadVega(): Promise<readonly [typeof Vega, typeof VegaLite]> {
  libraries ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => {
    useChartFontMetrics(vega);
    return [vega, vegaLite] as const;
  });
  return libraries;
}

export interface RenderSvgOptions {
  /** prefix of the ids inside the SVG (title, desc, clip paths); a hash of the spec by default */
  readonly id?: string;
}

const CACHE_SIZE = 200;
const cache = new Map<string, string>();

function titleText(spec: ChartSpec): string {
  const title = (spec as { title?: unknown }).title;
  const text = typeof title === 'object' && title !== null && !Array.isArray(title) ? (title as { text?: unknown }).text : title;
  return (Array.isArray(text) ? text.join(' ') : typeof text === 'string' ? text : '').trim();
}

/**
 * Renders a Vega-Lite spec (or a chart from a builder) to a standalone, accessible SVG: `role="img"`,
 * `<title>` and `<desc>` from the spec's title and description, `aria-labelledby` pointing at them. The
 * output is deterministic: the ids are derived from the spec (or `options.id`) and numbered in order, so
 * two charts inlined in one page never share an id. Text from data is escaped by Vega and, for the title
 * and description, here; XML-invalid controls and bidi overrides are removed. Results are cached by spec.
 * Takes ~50 ms for a first chart, ~10 ms for the next ones.
 * @throws AppError INVALID_INPUT when the spec does not compile.
 */
export async function renderSvg(input: ChartSpec | Chart, options: RenderSvgOptions = {}): Promise<string> {
  const spec: ChartSpec = (input as Chart).kind === 'chart' ? (input as Chart).spec : (input as ChartSpec);
  const json = JSON.stringify(spec);
  const id = options.id ?? `chart-${createHash('sha256').update(json).digest('hex').slice(0, 10)}`;
  if (!/^[A-Za-z][\w-]*$/.test(id)) throw new AppError('INVALID_INPUT', `renderSvg: id must be letters, digits, - or _: "${id}"`, { id });
  const key = `${id}\n${json}`;
  const cached = cache.get(key);
  if (cached !== undefined) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const [vega, { compile }] = await loadVega();
  let compiled;
  try {
    compiled = compile(JSON.parse(json) as ChartSpec, { logger: VEGA_LITE_LOGGER as never }).spec; // Vega tags data objects: never hand it frozen ones
  } catch (error) {
    throw new AppError('INVALID_INPUT', `renderSvg: the Vega-Lite spec does not compile: ${(error as Error).message}`);
  }
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  let raw: string;
  try {
    raw = await view.toSVG();
  } finally {
    view.finalize();
  }
  const svg = accessible(renumberIds(stripUnsafeCharacters(raw), id), id, titleText(spec), String(spec.description ?? ''));
  cache.set(key, svg);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return svg;
}

/** Replaces Vega's process-wide counters (clip1, gradient_3…) by ids numbered within this document. */
function renumberIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const match of svg.matchAll(/\sid="([^"]+)"/g)) {
    if (!ids.has(match[1]!)) ids.set(match[1]!, `${prefix}-def${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  return svg.replace(/(\sid="|url\(#|href="#)([^")]+)/g, (all, lead: string, name: string) => {
    const renamed = ids.get(name);
    return renamed === undefined ? all : `${lead}${renamed}`;
  });
}

function accessible(svg: string, id: string, title: string, description: string): string {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('renderSvg: Vega did not return an <svg> element');
  const labelled = description === '' ? `${id}-title` : `${id}-title ${id}-desc`;
  const root = open[0].replace(/^<svg/, `<svg role="img" aria-labelledby="${labelled}"`);
  const children = `<title id="${id}-title">${escapeXml(title)}</title>${description === '' ? '' : `<desc id="${id}-desc">${escapeXml(description)}</desc>`}`;
  return root + children + svg.slice(open[0].length);
}
