#!/usr/bin/env node
// Entry point of `npx gongkai`: TypeScript runs through tsx so there is no build step to forget.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
