import { once } from 'node:events';
import type { Writable } from 'node:stream';

const CHUNK = 1 << 20;

/**
 * Collects small strings and byte arrays into 1 MiB chunks and writes them to a Node stream, waiting for
 * 'drain' when the stream asks (backpressure): memory stays flat whatever is written.
 */
export class BufferedWriter {
  private buffer = Buffer.allocUnsafe(CHUNK);
  private length = 0;
  /** bytes written so far */
  bytes = 0;

  constructor(private readonly out: Writable) {}

  /** Appends a UTF-8 string; call `flushIfFull` now and then. */
  text(s: string): void {
    if (s.length * 3 > this.buffer.length - this.length) {
      this.spill();
      if (s.length * 3 > this.buffer.length) {
        this.pending.push(Buffer.from(s, 'utf8'));
        return;
      }
    }
    this.length += this.buffer.write(s, this.length, 'utf8');
  }

  /** Appends bytes. */
  raw(bytes: Uint8Array): void {
    if (bytes.length > this.buffer.length - this.length) {
      this.spill();
      if (bytes.length > this.buffer.length) {
        this.pending.push(Buffer.from(bytes));
        return;
      }
    }
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  private pending: Buffer[] = [];

  private spill(): void {
    if (this.length > 0) {
      this.pending.push(this.buffer.subarray(0, this.length));
      this.buffer = Buffer.allocUnsafe(CHUNK);
      this.length = 0;
    }
  }

  /** Writes what is pending when a chunk is full, honouring backpressure. */
  async flushIfFull(): Promise<void> {
    if (this.pending.length > 0 || this.length > CHUNK - 65536) await this.flush();
  }

  /** Writes everything buffered. */
  async flush(): Promise<void> {
    this.spill();
    const chunks = this.pending;
    this.pending = [];
    for (const chunk of chunks) {
      this.bytes += chunk.length;
      if (!this.out.write(chunk)) await once(this.out, 'drain');
    }
  }

  /** Flushes and ends the stream, resolving once it has finished. */
  async end(): Promise<void> {
    await this.flush();
    const finished = once(this.out, 'finish');
    this.out.end();
    await finished;
  }
}
