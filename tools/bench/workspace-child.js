// Preloaded by workspace.js (`node -r tools/bench/workspace-child.js bin/convshape.js check ...`):
// reports the process' peak resident memory and its CPU time on stderr when the process exits.
'use strict';
process.on('exit', () => {
  const cpu = process.cpuUsage();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  require('fs').writeSync(2, `\nmaxRssMB=${process.resourceUsage().maxRSS / 1024} cpuMs=${cpuMs}\n`);
});
