// The explorer's frames as the webview receives them: the layer's diagram drawn at one kernel
// position by the hover's renderer, with what that position reads. The model and the list of
// played frames are kept for the last layer, since the webview asks for frames one by one while
// it plays. No `vscode` here.
import type { AxisArithmetic } from '../engine/types';
import { EXPLORER_LIMITS, diagramModel, type DiagramModel } from '../render/diagram-model';
import { drawnFrames, frameArithmetic, frameAt, frameCaption } from '../render/frames';
import { renderDiagram } from '../render/svg';
import type { ExplorerFrame } from './explorer-protocol';

export class FrameSource {
  private key = '';
  private model: DiagramModel | undefined;
  private played: number[] = [];

  private modelOf(kind: string, name: string | undefined, axes: readonly AxisArithmetic[]): DiagramModel | undefined {
    const key = JSON.stringify([kind, name, axes]);
    if (key !== this.key) {
      this.key = key;
      this.model = diagramModel({ kind, name, axes }, EXPLORER_LIMITS);
      this.played = this.model ? drawnFrames(this.model) : [];
    }
    return this.model;
  }

  /** Played frame `position` (wrapped into range), or undefined when the layer cannot be drawn. */
  frame(
    layer: { kind: string; name?: string; axes?: readonly AxisArithmetic[] },
    position: number,
  ): ExplorerFrame | undefined {
    const m = layer.axes ? this.modelOf(layer.kind, layer.name, layer.axes) : undefined;
    const count = this.played.length;
    if (!m || count === 0) return undefined;
    const p = ((Math.floor(position) % count) + count) % count;
    const frame = frameAt(m, this.played[p]);
    return {
      position: p,
      count,
      svg: renderDiagram(m, 'css', frame),
      caption: frameCaption(m, frame),
      arithmetic: frameArithmetic(m, frame),
    };
  }
}
