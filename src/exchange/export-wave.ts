import type { Writable } from 'node:stream';
import type { Store, Wave } from '../store/index.js';
import { prepareExport, type ExportOptions } from './export-source.js';
import { writeCodebook } from './write-codebook.js';
import { writeCsv, type ExportSummary } from './write-csv.js';
import { writeJsonl } from './write-jsonl.js';
import { writeSav } from './write-sav.js';
import { writeTripleS } from './write-triple-s.js';

export const EXPORT_FORMATS = ['csv', 'codebook', 'sav', 'triple-s', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Where an export goes: one stream, or for Triple-S the metadata stream and the data stream. */
export type ExportTarget = { readonly out: Writable } | { readonly metadata: Writable; readonly data: Writable; readonly dataFile?: string };

/** The file extension of each format (Triple-S: the metadata file; its data file is `.dat`). */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { csv: '.csv', codebook: '.csv', sav: '.sav', 'triple-s': '.sss', jsonl: '.jsonl' };

/**
 * Exports a wave in a format to a Node stream (ended when done), streaming its responses: memory stays
 * flat whatever the wave's size. Triple-S needs two streams ({ metadata, data }).
 */
export async function exportWave(store: Store, wave: Wave, format: ExportFormat, target: ExportTarget, options: ExportOptions = {}): Promise<ExportSummary> {
  const source = await prepareExport(store, wave, options);
  if (format === 'triple-s') {
    if (!('metadata' in target)) throw new TypeError('exportWave: Triple-S writes two streams, { metadata, data }');
    return writeTripleS(source, target.metadata, target.data, { ...options, dataFile: target.dataFile });
  }
  if (!('out' in target)) throw new TypeError(`exportWave: ${format} writes one stream, { out }`);
  switch (format) {
    case 'csv':
      return writeCsv(source, target.out, options);
    case 'codebook':
      return writeCodebook(source, target.out, options);
    case 'sav':
      return writeSav(source, target.out, options);
    case 'jsonl':
      return writeJsonl(source, target.out, options);
  }
}
