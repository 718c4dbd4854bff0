/** The shape every CLI command has; main.ts dispatches on `name` (with spaces for sub-commands). */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  /** e.g. "db migrate", "study validate" */
  readonly name: string;
  /** one line for the command list */
  readonly summary: string;
  /** full --help text */
  readonly help: string;
  /** returns the exit code: 0 ok, 1 failure, 2 bad usage or input */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Thrown for bad usage or bad input: main prints the message on stderr and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * One row of the CLI's command table (src/cli/commands/index.ts): what `barometre --help` and
 * `barometre COMMAND --help` print, without loading the command. `load` imports the command's module only
 * when the command runs, so that a command loads only what it uses (the server, the store, pdfkit, vega…).
 */
export interface CliCommandEntry {
  /** e.g. "db migrate", "study validate" */
  readonly name: string;
  /** one line for the command list */
  readonly summary: string;
  /** full --help text */
  readonly help: string;
  /** imports the command's module */
  load(): Promise<CliCommand>;
}
