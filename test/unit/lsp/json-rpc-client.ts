// A small Language Server Protocol client of our own: spawns a server, speaks JSON-RPC over its
// stdin/stdout (Content-Length framing), records every notification, and answers the server's
// own requests (configuration, registrations, refreshes) with null. Deliberately not
// vscode-languageclient: the tests should see the wire as any editor does.
import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';

export interface Message {
  readonly jsonrpc: '2.0';
  readonly id?: number | string;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { code: number; message: string };
}

export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export class JsonRpcClient {
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly watchers: (() => boolean)[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise(resolve => this.child.on('exit', code => resolve(code)));
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Sends a request and, right after it, `$/cancelRequest` for it. */
  requestAndCancel(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId;
    const answer = this.request(method, params);
    this.notify('$/cancelRequest', { id });
    return answer;
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The first notification (already received or coming) of `method` whose params satisfy `test`. */
  waitFor<T>(method: string, test: (params: T) => boolean, timeoutMs = 20_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.notifications.find(n => n.method === method && test(n.params as T));
        if (!found) return false;
        clearTimeout(timer);
        resolve(found.params as T);
        return true;
      };
      const timer = setTimeout(() => {
        const seen = this.notifications.map(n => n.method).join(', ');
        reject(new Error(`no ${method} as expected within ${timeoutMs} ms; received: ${seen}\n${this.stderr}`));
      }, timeoutMs);
      if (!check()) this.watchers.push(check);
    });
  }

  /** Asks the server to shut down and exit; resolves to its exit code. */
  async close(): Promise<number | null> {
    if (this.child.exitCode === null) {
      await this.request('shutdown', null);
      this.notify('exit', null);
    }
    return this.exited;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server: we accept it and have nothing to say.
      this.send({ jsonrpc: '2.0', id: message.id, result: null });
    } else if (message.method !== undefined) {
      this.notifications.push({ method: message.method, params: message.params });
      for (let i = this.watchers.length - 1; i >= 0; i--) if (this.watchers[i]()) this.watchers.splice(i, 1);
    } else if (typeof message.id === 'number') {
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.error) waiter?.reject(new RpcError(message.error.code, message.error.message));
      else waiter?.resolve(message.result);
    }
  }
}

/** A text edit as LSP sends it. */
export interface LspTextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

/** The offset of an LSP position (UTF-16 code units, as JavaScript strings count). */
export function offsetAt(text: string, position: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + position.character, text.length);
}

/** `text` with the edits applied (they do not overlap; applied from the last). */
export function applyEdits(text: string, edits: readonly LspTextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let out = text;
  for (const e of sorted)
    out = out.slice(0, offsetAt(out, e.range.start)) + e.newText + out.slice(offsetAt(out, e.range.end));
  return out;
}
