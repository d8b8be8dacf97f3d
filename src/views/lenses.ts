// The model summary above each model class: `[N, 3, 32, 32] → [N, 10] · 61.7K params`. Shared by
// VS Code's CodeLens and the language server's code lens.
import type { ModelInfo } from '../analysis/types';
import { formatShapeWithin } from '../render/dim-names';
import { formatCount, type ShapeStyle } from '../render/shape-format';
import type { AnalysisSlice } from './slice';

/** A lens is one line of small text above the class: each shape is kept to this, naming long sizes. */
const LENS_SHAPE_MAX_LENGTH = 40;

export interface ModelLensView {
  readonly model: ModelInfo;
  readonly title: string;
  /** The long sizes the title names, one per line. */
  readonly tooltip?: string;
}

export function modelLenses(slice: AnalysisSlice, style: ShapeStyle): ModelLensView[] {
  const out: ModelLensView[] = [];
  for (const model of slice.analysis.models) {
    if (!slice.ownsRange(model.range)) continue;
    const shapes = [...model.inputs, model.output].map(s =>
      formatShapeWithin(s, LENS_SHAPE_MAX_LENGTH, style, model.framework),
    );
    const input = shapes
      .slice(0, -1)
      .map(s => s.text)
      .join(', ');
    const output = shapes[shapes.length - 1].text;
    const legend = [...new Set(shapes.flatMap(s => s.legend))];
    const params = model.params === undefined ? '' : ` · ${formatCount(model.params)} params`;
    out.push({
      model,
      title: `${input} → ${output}${params}`,
      ...(legend.length ? { tooltip: legend.join('\n') } : {}),
    });
  }
  return out;
}
