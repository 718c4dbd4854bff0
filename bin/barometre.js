#!/usr/bin/env node
// Entry of the `barometre` command: registers tsx and runs the TypeScript CLI.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
