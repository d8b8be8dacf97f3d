// The hover of the layer under a position (its definition or a call of it): markdown with the
// title, formulas with numbers, notes, parameters and the diagram. Shared by VS Code and the
// language server.
import type { LayerCall, TextRange } from '../analysis/types';
import { layerAt } from '../analysis/query';
import { hoverMarkdown } from '../render/explain';
import type { Theme } from '../render/themes';
import type { AnalysisSlice } from './slice';

export interface HoverView {
  readonly markdown: string;
  readonly range: TextRange;
  readonly layer: LayerCall;
}

export function layerHover(
  slice: AnalysisSlice,
  offset: number,
  options: { theme?: Theme; maxImageHeight?: number; images: boolean },
): HoverView | undefined {
  // The innermost layer of this document whose call or definition range holds the offset.
  const found = layerAt(slice.analysis, offset, range => slice.ownsRange(range));
  if (!found) return undefined;
  const markdown = hoverMarkdown(found.layer, {
    ...(options.theme ? { theme: options.theme } : {}),
    ...(options.maxImageHeight ? { maxImageHeight: options.maxImageHeight } : {}),
    diagram: options.images ? 'image' : 'text',
  });
  return { markdown, range: found.range, layer: found.layer };
}
