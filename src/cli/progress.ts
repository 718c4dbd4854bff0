/**
 * A progress bar on stderr when it is a terminal, silent otherwise (pipes, CI, tests).
 * Redraws at most every 100 ms.
 */
export function createProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }, label: string, total: number): { tick(done: number): void; done(): void } {
  const enabled = Boolean(stream.isTTY) && total > 0;
  let last = 0;
  const draw = (done: number) => {
    const ratio = Math.min(1, done / total);
    const width = 30;
    const filled = Math.round(ratio * width);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(ratio * 100)} % ${done}/${total}`);
  };
  return {
    tick(done) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      draw(done);
    },
    done() {
      if (!enabled) return;
      draw(total);
      stream.write('\n');
    },
  };
}
