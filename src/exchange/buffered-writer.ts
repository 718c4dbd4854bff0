import { once } from 'node:events';
import type { Writable } from 'node:stream';

const CHUNK = 1 << 20;

/**
 * Collects small strings, numbers and byte arrays into 1 MiB chunks and writes them to a Node stream, waiting for
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

  /** Appends one byte. */
  byte(b: number): void {
    if (this.length === this.buffer.length) this.spill();
    this.buffer[this.length++] = b;
  }

  /** Appends a string of ASCII characters (numbers), one byte each; `comma` replaces every '.' by ','. */
  ascii(s: string, comma = false): void {
    if (s.length > this.buffer.length - this.length) this.spill();
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      buffer[at++] = comma && c === 46 ? 44 : c;
    }
    this.length = at;
  }

  /** Appends an integer in decimal (|value| < 2^53), without making a string. */
  integer(value: number): void {
    if (this.length + 17 > this.buffer.length) this.spill();
    const buffer = this.buffer;
    if (value < 0) {
      buffer[this.length++] = 45;
      value = -value;
    }
    let digits = 1;
    for (let p = 10; p <= value; p *= 10) digits++;
    let at = this.length + digits;
    this.length = at;
    do {
      const q = Math.floor(value / 10);
      buffer[--at] = 48 + value - q * 10;
      value = q;
    } while (value > 0);
  }

  /** Appends a few bytes (a ready-made cell). */
  small(bytes: Uint8Array): void {
    if (bytes.length > this.buffer.length - this.length) return this.raw(bytes);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < bytes.length; i++) buffer[at++] = bytes[i];
    this.length = at;
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
