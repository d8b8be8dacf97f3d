// The pure parts of the editor's providers, as src/extension/inlay-hints.ts and hover.ts run them
// on a current Analysis, re-stated without `vscode` so they can be timed in plain Node: filter
// the hints to the visible range (one per line) and format them; find the layer at an offset and
// build its hover markdown with the real src/render/explain.ts hoverMarkdown.
'use strict';

/** Line starts of a text, for offset → line by binary search (what TextDocument.positionAt does). */
function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts, offset) {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** The inlay hints' labels for lines [fromLine, toLine], as the provider builds them. */
function visibleHints(analysis, starts, fromLine, toLine, formatShape, formulaLines) {
  const out = [];
  const seen = new Set();
  for (const h of analysis.hints) {
    const line = lineOf(starts, h.offset);
    if (line < fromLine || line > toLine || seen.has(line)) continue;
    seen.add(line);
    const layer = h.layer === undefined ? undefined : analysis.layers[h.layer];
    const tooltip = layer && layer.axes && layer.axes.length ? formulaLines(layer.axes).join('\n') : undefined;
    out.push({ line, label: `→ ${formatShape(h.shape, 'brackets')}`, tooltip });
  }
  return out;
}

/** The innermost layer whose call or definition range holds the offset (hover.ts layerAt). */
function layerAt(analysis, offset) {
  let best;
  for (const layer of analysis.layers) {
    for (const range of [layer.call, layer.definition]) {
      if (!range || offset < range.start || offset > range.end) continue;
      if (!best || range.end - range.start < best.range.end - best.range.start) best = { layer, range };
    }
  }
  return best;
}

module.exports = { lineStarts, lineOf, visibleHints, layerAt };
