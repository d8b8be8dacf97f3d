// The hover of a library backbone: on the variable that holds it (`m = models.resnet50()`, `m(x)`)
// or on the attribute a model of the file keeps it in (`self.backbone(x)`), the backbone's stage
// table (render/backbone.ts) instead of nothing — its layers were built in the library's code, so
// no layer of it has a range in the file. Shared by VS Code and the language server.
import type { Analysis, ModelInfo } from '../analysis/types';
import { acceptsLine } from '../render/accepted';
import { backboneMarkdown, hasLibraryLayers } from '../render/backbone';
import type { AnalysisSlice } from './slice';

/** The identifier at `offset` of `text` (ends included), with its range. */
export function identifierAt(text: string, offset: number): { word: string; start: number; end: number } | undefined {
  const isWord = (c: string | undefined) => c !== undefined && /\w/.test(c);
  let start = offset;
  while (start > 0 && isWord(text[start - 1])) start--;
  let end = offset;
  while (isWord(text[end])) end++;
  const word = text.slice(start, end);
  return /^[A-Za-z_]\w*$/.test(word) ? { word, start, end } : undefined;
}

/** `backbone` (or `encoder.backbone`) when library layers of the model sit under a module named `word`. */
function libraryPrefix(analysis: Analysis, model: ModelInfo, word: string): string | undefined {
  for (const i of model.layers) {
    const layer = analysis.layers[i];
    if (!layer.library) continue;
    const parts = layer.name.split('.');
    const at = parts.indexOf(word);
    if (at >= 0 && at < parts.length - 1) return parts.slice(0, at + 1).join('.');
  }
  return undefined;
}

/** The stage table of the backbone the identifier `word` at `offset` names, if it names one. */
export function backboneHover(slice: AnalysisSlice, offset: number, word: string): string | undefined {
  const { analysis } = slice;
  const models = analysis.models.filter(m => slice.ownsRange(m.range));
  const named = models.find(m => m.name === word && hasLibraryLayers(analysis, m));
  if (named) {
    const accepts = acceptsLine(named);
    return [
      backboneMarkdown(analysis, named),
      ...(accepts ? ['', accepts.replace(/[\\`*_[\]<>|]/g, c => `\\${c}`)] : []),
    ].join('\n');
  }
  // A backbone a model holds: the nearest model named above the hover (the class whose forward
  // calls it) with library layers under that attribute.
  let best: { model: ModelInfo; prefix: string } | undefined;
  for (const model of models) {
    if (model.range.start > offset || (best && model.range.start <= best.model.range.start)) continue;
    const prefix = libraryPrefix(analysis, model, word);
    if (prefix) best = { model, prefix };
  }
  return best && backboneMarkdown(analysis, best.model, best.prefix);
}
