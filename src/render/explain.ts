// Text pieces that explain one layer, shared by `convshape explain` and the editor's hover: the
// title, the formula of each spatial axis with the guide's relationship number, notes, parameters
// and MACs, and the hover's markdown (diagram image included).
import type { Shape } from '../engine/dim';
import type { RepresentativeDrawing, SymbolSizes } from '../engine/representative';
import { type AxisArithmetic, type Framework, type TupleOutput, flatOutputs } from '../engine/types';
import { formatCount, formatShape } from './shape-format';
import { renderLayerAscii } from './ascii';
import { layerSvgImage, type Theme } from './svg';

export { formatCount };

/** What is known about one layer application; `LayerCall` of the Analysis fits this shape. */
export interface LayerFacts {
  readonly kind: string;
  readonly name?: string;
  readonly framework: Framework;
  readonly inputs: readonly (Shape | null)[];
  readonly output: Shape | null;
  /** A layer that returns a tuple (LSTM's `(output, (h_n, c_n))`): all of it. */
  readonly tuple?: TupleOutput;
  readonly axes?: readonly AxisArithmetic[];
  readonly notes?: readonly string[];
  /** Constructor arguments whose value is a command-line option's default (`ngf = 64, the default of --ngf`). */
  readonly origins?: readonly string[];
  readonly params?: number;
  readonly macs?: number;
  readonly receptiveField?: readonly { readonly size: number; readonly jump: number }[];
  /** On a symbolic input: the arithmetic of one concrete size, which the diagram shows. */
  readonly drawnFor?: RepresentativeDrawing;
}

/** Spatial axes named from the last: W, H, D (as the engine's notes name them). */
export function axisNames(count: number): string[] {
  const names = ['D', 'H', 'W'];
  return count <= 3 ? names.slice(3 - count) : Array.from({ length: count }, (_, j) => `axis ${j}`);
}

/** A shape as the framework's users write it: `[1, 3, 32, 32]` (PyTorch), `(None, 32, 32, 3)` (Keras). */
export function frameworkShape(shape: Shape | null, framework: Framework): string {
  return formatShape(shape, 'auto', framework);
}

/** `Conv2d  [1, 3, 32, 32] → [1, 16, 16, 16]` (prefixed by the layer's name when it has one). */
export function layerTitle(
  facts: Pick<LayerFacts, 'kind' | 'name' | 'framework' | 'inputs' | 'output' | 'tuple'>,
): string {
  return `${layerHead(facts)}  ${shapesText(facts)}`;
}

function layerHead(facts: Pick<LayerFacts, 'kind' | 'name'>): string {
  return facts.name ? `${facts.name}: ${facts.kind}` : facts.kind;
}

/** `[1, 3, 32, 32] → [1, 16, 16, 16]`; a tuple as `output [L, N, 32], h_n [1, N, 32]`. */
export function shapesText(facts: Pick<LayerFacts, 'framework' | 'inputs' | 'output' | 'tuple'>): string {
  const inputs = facts.inputs.map(s => frameworkShape(s, facts.framework)).join(', ');
  const output = facts.tuple
    ? flatOutputs(facts.tuple)
        .map(o => `${o.name} ${frameworkShape(o.shape, facts.framework)}`)
        .join(', ')
    : frameworkShape(facts.output, facts.framework);
  return `${inputs || '?'} → ${output}`;
}

/** `H: ⌊(32 + 2·1 − 3)/2⌋ + 1 = 16   (relationship 6)`, one per spatial axis. */
export function formulaLines(axes: readonly AxisArithmetic[]): string[] {
  const names = axisNames(axes.length);
  return axes.map((a, j) => `${names[j]}: ${a.formula}   (relationship ${a.relationship})`);
}

/** `params 448 · MACs 110.6K` (whatever is known). */
export function costLine(facts: Pick<LayerFacts, 'params' | 'macs'>): string | undefined {
  const parts: string[] = [];
  if (facts.params !== undefined) parts.push(`params ${formatCount(facts.params)}`);
  if (facts.macs !== undefined) parts.push(`MACs ${formatCount(facts.macs)}`);
  return parts.length ? parts.join(' · ') : undefined;
}

/** `receptive field 7×7, jump 4×4` */
export function receptiveFieldLine(rf: LayerFacts['receptiveField']): string | undefined {
  if (!rf || rf.length === 0) return undefined;
  return `receptive field ${rf.map(r => r.size).join('×')}, jump ${rf.map(r => r.jump).join('×')}`;
}

/** What a diagram drawn for a concrete size says of itself: `Drawn for H = W = 8, a representative size; …`. */
export function drawnForLabel(drawn: RepresentativeDrawing): string {
  const why =
    drawn.basis === 'implied'
      ? 'the size the code implies'
      : drawn.basis === 'model'
        ? "a representative size of the model's input"
        : 'a representative size';
  return `Drawn for ${sizesText(drawn.sizes)}, ${why}; the input is symbolic.`;
}

/** `H = W = 8`, or `H = 28, W = 20` when the sizes differ. */
export function sizesText(sizes: SymbolSizes): string {
  const names = Object.keys(sizes);
  if (new Set(names.map(n => sizes[n])).size === 1) return `${names.join(' = ')} = ${sizes[names[0]]}`;
  return names.map(n => `${n} = ${sizes[n]}`).join(', ');
}

/** The arithmetic a diagram is drawn from: the layer's own, or that of its representative size. */
export function drawnAxes(facts: Pick<LayerFacts, 'axes' | 'drawnFor'>): readonly AxisArithmetic[] | undefined {
  return facts.drawnFor?.axes ?? facts.axes;
}

/** Escapes text so that markdown shows it literally (no links, emphasis, HTML or code spans). */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|~<>&"']/g, c => `\\${c}`);
}

/** Text safe inside a fenced code block: a run of backticks could close the fence. */
function fenceSafe(text: string): string {
  return text.replace(/`/g, 'ˋ');
}

/** The largest hover we produce; VS Code's limit for a MarkdownString is 100,000 characters. */
export const HOVER_BUDGET = 90_000;

/**
 * The hover of a layer: title, diagram, formulas, notes, cost and receptive field. User strings
 * (layer names, symbol names) are escaped; the image is a base64 `data:` URI. On a symbolic input
 * the formulas stay symbolic and the diagram, drawn for a concrete size, is labelled with it.
 * `diagram: 'text'` draws the terminal's diagram in a code block instead, for editors that show no
 * images.
 */
export function hoverMarkdown(
  facts: LayerFacts,
  options: { theme?: Theme; error?: { message: string }; maxImageHeight?: number; diagram?: 'image' | 'text' } = {},
): string {
  const parts: string[] = [`**${escapeMarkdown(layerHead(facts))}**  ${escapeMarkdown(shapesText(facts))}`];
  if (options.error) parts.push(`⚠ ${escapeMarkdown(options.error.message)}`);
  // The formulas come first: they fit the hover's first view; the diagram below may scroll.
  const formulas = facts.axes ? formulaLines(facts.axes) : [];
  if (formulas.length) parts.push(['```text', ...formulas.map(fenceSafe), '```'].join('\n'));
  const imageAt = parts.length;
  const notes = [...(facts.notes ?? []), ...(facts.origins ?? [])];
  if (notes.length) parts.push(notes.map(n => `- ${escapeMarkdown(n)}`).join('\n'));
  const footer = [costLine(facts), receptiveFieldLine(facts.receptiveField)].filter((s): s is string => !!s);
  if (footer.length) parts.push(escapeMarkdown(footer.join(' · ')));
  const axes = drawnAxes(facts);
  const label = facts.drawnFor ? [`*${escapeMarkdown(drawnForLabel(facts.drawnFor))}*`] : [];
  if (options.diagram === 'text') {
    const drawn = axes ? renderLayerAscii({ kind: facts.kind, axes }) : undefined;
    const block = drawn && ['```text', ...drawn.map(fenceSafe), '```'].join('\n');
    if (block && parts.join('\n\n').length + block.length + 200 < HOVER_BUDGET)
      parts.splice(imageAt, 0, block, ...label);
    return parts.join('\n\n');
  }
  const image = axes
    ? layerSvgImage({ kind: facts.kind, name: facts.name, axes }, options.theme ?? 'light')
    : undefined;
  const withoutImage = parts.join('\n\n');
  if (image && withoutImage.length + image.uri.length + 200 < HOVER_BUDGET) {
    parts.splice(
      imageAt,
      0,
      `![${escapeMarkdown(facts.kind)} diagram](${image.uri}${imageSize(image, options.maxImageHeight)})`,
      ...label,
    );
  }
  return parts.join('\n\n');
}

/** VS Code reads `|width=…,height=…` after an image's link target: a tall diagram is scaled down to fit. */
function imageSize(image: { width: number; height: number }, maxHeight: number | undefined): string {
  if (!maxHeight || !image.height || image.height <= maxHeight) return '';
  return `|width=${Math.round((image.width * maxHeight) / image.height)},height=${maxHeight}`;
}

/** The hover of a name imported from another file of the project: where it came from. */
export function importedMarkdown(imported: { name: string; kind: string; from: string }): string {
  return `**${escapeMarkdown(imported.name)}** (${imported.kind}) from \`${imported.from.replace(/`/g, "'")}\``;
}
