import { writeFile } from 'node:fs/promises';
import { getWaveResults } from '../../analysis/results-cache.js';
import { waveStudy } from '../../analysis/wave-study.js';
import { studyBranding } from '../../study/index.js';
import { renderWhitePaper } from '../../report/pdf/white-paper-pdf.js';
import { openStore } from '../../store/index.js';
import { UsageError, type CliCommand } from '../command.js';
import { readCliEnv } from '../env.js';
import { parseArgs } from '../parse-args.js';
import { commandText } from './command-texts.js';

export const reportCommand: CliCommand = {
  ...commandText('report'),
  async run(args, io) {
    const { values } = parseArgs(args, {
      study: { type: 'string' },
      wave: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string', default: 'fr' },
      date: { type: 'string' },
    });
    if (!values.study || !values.wave || !values.out) throw new UsageError('--study, --wave and --out are required');
    if (values.lang !== 'fr' && values.lang !== 'en') throw new UsageError('--lang is fr or en');
    const creationDate = values.date ? new Date(values.date) : new Date();
    if (Number.isNaN(creationDate.getTime())) throw new UsageError(`--date: not a date: "${values.date}"`);
    const started = performance.now();
    const store = await openStore(readCliEnv(io.env));
    try {
      const wave = await store.waves.getByCode(values.study, values.wave);
      if (!wave) throw new UsageError(`study "${values.study}" has no wave "${values.wave}"`);
      const [results, study] = await Promise.all([getWaveResults(store, wave), waveStudy(store, wave)]);
      const rendering = performance.now();
      const cpu = process.cpuUsage();
      const branding = studyBranding(study);
      const pdf = await renderWhitePaper({ results, lang: values.lang, creationDate, logo: branding.logo ?? study.logo ?? null, accent: branding.accentColor });
      const pdfSeconds = (performance.now() - rendering) / 1000;
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      await writeFile(values.out, pdf);
      const seconds = (performance.now() - started) / 1000;
      io.stdout.write(
        `report: ${results.study.id} ${results.wave.code} (${values.lang}), ${pdf.length} bytes in ${seconds.toFixed(2)} s (PDF ${pdfSeconds.toFixed(2)} s, CPU ${cpuSeconds.toFixed(2)} s) -> ${values.out}\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
