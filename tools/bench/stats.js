// Summaries of repeated measurements: every figure is the median of its runs, with min and max.
'use strict';

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** { median, min, max, p95, runs } of the samples. */
function summarize(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], p95: quantile(s, 0.95), runs: s.length };
}

/** Milliseconds `f` takes (high-resolution clock). */
function timeMs(f) {
  const t0 = process.hrtime.bigint();
  const value = f();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

module.exports = { summarize, timeMs, quantile };
