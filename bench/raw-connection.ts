import net from 'node:net';

export interface RawReply {
  readonly status: number;
  readonly setCookies: readonly string[];
  readonly body: string;
  /** the Location header of a redirect */
  readonly location?: string;
}

/**
 * A lean HTTP/1.1 keep-alive client on one socket, one request at a time, as load generators (wrk,
 * autocannon) have: Node's http client costs the load generator several times the CPU per request,
 * and here the load generator shares the machine's two cores with the server. It reads the status,
 * Set-Cookie, Content-Length or chunked bodies, and Connection: close (it reconnects for the next request).
 */
export class RawConnection {
  #socket: net.Socket | undefined;
  #buffer: Buffer = Buffer.alloc(0);
  #waiting: { resolve: (reply: RawReply) => void; reject: (error: Error) => void } | undefined;
  constructor(
    readonly host: string,
    readonly port: number,
  ) {}

  send(method: string, url: string, headers: string, payload?: string): Promise<RawReply> {
    if (this.#waiting) return Promise.reject(new Error('one request at a time'));
    const socket = (this.#socket ??= this.#connect());
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      socket.write(`${method} ${url} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n${headers}\r\n${payload ?? ''}`);
    });
  }

  close(): void {
    this.#socket?.destroy();
    this.#socket = undefined;
  }

  #connect(): net.Socket {
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
      this.#parse();
    });
    const fail = (error?: Error) => {
      if (this.#socket !== socket) return; // a socket this client already let go of
      this.#socket = undefined;
      this.#buffer = Buffer.alloc(0);
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting?.reject(error ?? new Error('connection closed'));
    };
    socket.on('error', fail);
    socket.on('close', () => fail());
    return socket;
  }

  #parse(): void {
    const buffer = this.#buffer;
    const headEnd = buffer.indexOf('\r\n\r\n');
    if (headEnd < 0 || !this.#waiting) return;
    const lines = buffer.toString('latin1', 0, headEnd).split('\r\n');
    const status = Number(lines[0]!.slice(9, 12));
    const setCookies: string[] = [];
    let location: string | undefined;
    let length = 0;
    let chunked = false;
    let close = false;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') length = Number(value);
      else if (name === 'set-cookie') setCookies.push(value);
      else if (name === 'location') location = value;
      else if (name === 'transfer-encoding') chunked = /chunked/i.test(value);
      else if (name === 'connection') close = /close/i.test(value);
    }
    let body: Buffer;
    let end: number;
    if (chunked) {
      const parts: Buffer[] = [];
      let at = headEnd + 4;
      for (;;) {
        const sizeEnd = buffer.indexOf('\r\n', at);
        if (sizeEnd < 0) return;
        const size = parseInt(buffer.toString('latin1', at, sizeEnd), 16);
        if (buffer.length < sizeEnd + 2 + size + 2) return;
        if (size === 0) {
          end = sizeEnd + 4;
          break;
        }
        parts.push(buffer.subarray(sizeEnd + 2, sizeEnd + 2 + size));
        at = sizeEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      end = headEnd + 4 + length;
      if (buffer.length < end) return;
      body = buffer.subarray(headEnd + 4, end);
    }
    this.#buffer = buffer.subarray(end);
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (close) this.close();
    waiting.resolve({ status, setCookies, body: body.toString(), location });
  }
}
