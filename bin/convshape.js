#!/usr/bin/env node
// Thin launcher: `npm run build` bundles the CLI into dist/cli.js, and dist/launch.js starts it
// (through a V8 code cache, see src/cli/launch.ts).
require('../dist/launch.js').launch();
