// The pure parts of the editor's providers, re-stated without `vscode` so they can be timed in
// plain Node: the hints of the visible range (one per line) found with src/analysis/query.ts
// hintsInRange and formatted; the layer at an offset found with query.ts layerAt, and its hover
// markdown built with the real src/render/explain.ts hoverMarkdown.
'use strict';
const { requireOut } = require('./project');

const query = () => requireOut('src/analysis/query');

/** Line starts of a text, for offset → line by binary search (what TextDocument.positionAt does). */
function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOf(starts, offset) {
  let lo = 0,
    hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The inlay hints' labels for lines [fromLine, toLine], as the provider builds them. */
function visibleHints(analysis, starts, fromLine, toLine, formatShape, formulaLines) {
  const out = [];
  const seen = new Set();
  const from = starts[fromLine] ?? Infinity;
  const to = toLine + 1 < starts.length ? starts[toLine + 1] - 1 : Infinity;
  for (const h of query().hintsInRange(analysis, from, to)) {
    const line = lineOf(starts, h.offset);
    if (line < fromLine || line > toLine || seen.has(line)) continue;
    seen.add(line);
    const layer = h.layer === undefined ? undefined : analysis.layers[h.layer];
    const tooltip = layer && layer.axes && layer.axes.length ? formulaLines(layer.axes).join('\n') : undefined;
    out.push({ line, label: `→ ${formatShape(h.shape, 'brackets')}`, tooltip });
  }
  return out;
}

/** The innermost layer whose call or definition range holds the offset (query.ts layerAt). */
function layerAt(analysis, offset) {
  return query().layerAt(analysis, offset);
}

module.exports = { lineStarts, lineOf, visibleHints, layerAt };
