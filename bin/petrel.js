#!/usr/bin/env node
// The platform runs from its TypeScript sources through tsx: no build step between a change and a start.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
