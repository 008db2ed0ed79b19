#!/usr/bin/env node
// The `xhht` command. TypeScript sources run through tsx's loader: one codebase, no build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
