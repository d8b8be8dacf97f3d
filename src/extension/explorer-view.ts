// What the explorer panel shows for one layer, as plain data (explorer-protocol.ts): the layer as
// the (re-analysed) code makes it, its controls with the values they hold, the model's shapes and
// the problems those values cause downstream. Also the argument changes "Apply to code" writes.
// No `vscode` here: unit-tested in plain Node.
import { dimText } from '../engine/dim';
import type { Shape } from '../engine/dim';
import type { ArgValue, Framework } from '../engine/types';
import type { Analysis, LayerCall, ModelInfo } from '../analysis/types';
import { formulaLines, layerTitle } from '../render/explain';
import { formatShape } from '../render/shape-format';
import type { NewValue } from './call-arguments';
import type { ControlRole, ExplorerControl, ExplorerProblem, ExplorerView } from './explorer-protocol';

/** The argument names of each role, PyTorch's and Keras'. */
const PARAMS: Record<Exclude<ControlRole, 'input'>, readonly string[]> = {
  kernel: ['kernel_size', 'pool_size'],
  stride: ['stride', 'strides'],
  padding: ['padding'],
  dilation: ['dilation', 'dilation_rate'],
  outputPadding: ['output_padding'],
  groups: ['groups'],
};

const LABELS: Record<ControlRole, string> = {
  kernel: 'kernel k',
  stride: 'stride s',
  padding: 'padding p',
  dilation: 'dilation d',
  outputPadding: 'output_padding a',
  groups: 'groups',
  input: 'model input size',
};

export type Overrides = Partial<Record<ControlRole, number | string>>;

/** The argument a role sets in this layer's call, if the layer has it. */
export function paramOf(layer: LayerCall, role: ControlRole): string | undefined {
  if (role === 'input') return undefined;
  return PARAMS[role].find(name => layer.spec && name in layer.spec.args);
}

/** Where the model's input size can be declared, and the input shape it declares now. */
export interface InputSite {
  /** The forward/call argument (`x`) and the model's first input shape. */
  readonly argument: string;
  readonly shape: Shape;
  readonly framework: Framework;
}

/** The spatial axes of a model input: after N, C (PyTorch) or between N and C (Keras, channels last). */
export function spatialAxes(shape: Shape, framework: Framework): number[] {
  const n = shape.length;
  if (n < 3) return [];
  return framework === 'keras'
    ? Array.from({ length: n - 2 }, (_, j) => j + 1)
    : Array.from({ length: n - 2 }, (_, j) => j + 2);
}

/** The model input's size (the first spatial axis), when it is a number. */
export function inputSize(site: InputSite): number | undefined {
  const first = spatialAxes(site.shape, site.framework)[0];
  const d = first === undefined ? undefined : site.shape[first];
  return typeof d === 'number' ? d : undefined;
}

/** `[1, 3, 24, 24]`: the declared input with every spatial size set to `size`. */
export function resizedInput(site: InputSite, size: number): string {
  const spatial = new Set(spatialAxes(site.shape, site.framework));
  const dims = site.shape.map((d, j) => (spatial.has(j) ? String(size) : d === null ? '?' : dimText(d)));
  return `[${dims.join(', ')}]`;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function channelsOf(layer: LayerCall): { input?: number; output?: number } {
  const args = layer.spec?.args ?? {};
  const num = (v: ArgValue | undefined) => (typeof v === 'number' ? v : undefined);
  const output = num(args.out_channels) ?? num(args.filters);
  let input = num(args.in_channels);
  const x = layer.inputs[0];
  if (input === undefined && x) {
    const c = layer.framework === 'keras' ? x[x.length - 1] : x[1];
    if (typeof c === 'number') input = c;
  }
  return { input, output };
}

/** The layer's value for a role, as its arithmetic (or its arguments) says. */
function currentValue(layer: LayerCall, role: ControlRole): number | string | undefined {
  const axis = layer.axes?.[layer.axes.length - 1];
  const arg = paramOf(layer, role);
  const written = arg ? layer.spec?.args[arg] : undefined;
  if (role === 'padding' && layer.framework === 'keras') return typeof written === 'string' ? written : undefined;
  if (role === 'groups') return typeof written === 'number' ? written : undefined;
  if (!axis) return undefined;
  switch (role) {
    case 'kernel':
      return axis.kernel;
    case 'stride':
      return axis.stride;
    case 'padding':
      return axis.padBefore;
    case 'dilation':
      return axis.dilation;
    case 'outputPadding':
      return axis.outputPadding;
    default:
      return undefined;
  }
}

/** The controls of a layer: the original layer's values, overridden by the panel's. */
export function layerControls(
  original: LayerCall,
  overrides: Overrides,
  input: InputSite | undefined,
): ExplorerControl[] {
  const out: ExplorerControl[] = [];
  const value = (role: ControlRole) => overrides[role] ?? currentValue(original, role);
  const num = (role: ControlRole, fallback: number) => {
    const v = value(role);
    return typeof v === 'number' ? v : fallback;
  };
  for (const role of ['kernel', 'stride', 'padding', 'dilation', 'outputPadding', 'groups'] as const) {
    const param = paramOf(original, role);
    const v = value(role);
    if (!param || v === undefined) continue;
    const control = { role, param, label: LABELS[role], value: v, changed: role in overrides };
    const k = num('kernel', 3),
      s = num('stride', 1),
      d = num('dilation', 1);
    if (role === 'padding' && typeof v === 'string') {
      const causal = /^Conv1D$/.test(original.kind) ? ['causal'] : [];
      out.push({ ...control, options: ['valid', 'same', ...causal] });
    } else if (role === 'groups') {
      const { input: ci, output: co } = channelsOf(original);
      if (ci === undefined || co === undefined) continue;
      const g = gcd(ci, co);
      out.push({ ...control, options: Array.from({ length: g }, (_, j) => j + 1).filter(n => g % n === 0) });
    } else {
      const ranges: Record<Exclude<ControlRole, 'input' | 'groups'>, [number, number]> = {
        kernel: [1, Math.max(7, k)],
        stride: [1, Math.max(4, s)],
        padding: [0, Math.max(d * (k - 1), num('padding', 0))],
        dilation: [1, Math.max(4, d)],
        outputPadding: [0, Math.max(s, d) - 1],
      };
      const [min, max] = ranges[role];
      out.push({ ...control, min, max: Math.max(max, typeof v === 'number' ? v : max) });
    }
  }
  const size = input ? inputSize(input) : undefined;
  if (input && size !== undefined) {
    const v = typeof overrides.input === 'number' ? overrides.input : size;
    out.push({
      role: 'input',
      param: input.argument,
      label: LABELS.input,
      value: v,
      min: 1,
      max: Math.max(64, size),
      changed: 'input' in overrides,
    });
  }
  return out;
}

/** The argument changes to write: each overridden role, per spatial axis, unless it equals the code's. */
export function argumentChanges(original: LayerCall, overrides: Overrides): Record<string, NewValue> {
  const changes: Record<string, NewValue> = {};
  const axes = original.axes?.length ?? 1;
  for (const [role, v] of Object.entries(overrides) as [ControlRole, number | string][]) {
    const param = paramOf(original, role);
    if (!param || v === currentValue(original, role)) continue;
    changes[param] = typeof v === 'string' ? v : Array.from({ length: axes }, () => v);
  }
  return changes;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}

/** The errors and warnings of an analysis, marked when the code as it is does not have them. */
export function problemsOf(
  variant: Analysis,
  variantText: string,
  base: number,
  original: Analysis,
): ExplorerProblem[] {
  const known = new Set(original.diagnostics.map(d => `${d.code}:${d.message}`));
  return variant.diagnostics
    .filter(d => d.severity === 'error' || d.severity === 'warning')
    .map(d => ({
      line: lineOf(variantText, d.range.start - base),
      severity: d.severity,
      message: d.message,
      introduced: !known.has(`${d.code}:${d.message}`),
    }));
}

export function modelLine(model: ModelInfo | undefined): string | undefined {
  if (!model) return undefined;
  const shapes = model.inputs.map(s => formatShape(s, 'auto', model.framework)).join(', ');
  return `${model.name}: ${shapes || '?'} → ${formatShape(model.output, 'auto', model.framework)}`;
}

/** The panel's view of a layer: `shown` is the layer as the re-analysed code makes it (if it does). */
export function explorerView(o: {
  original: LayerCall;
  shown: LayerCall | undefined;
  overrides: Overrides;
  input: InputSite | undefined;
  model: ModelInfo | undefined;
  problems: ExplorerProblem[];
  layerError: string | undefined;
  applicable: string | true;
  location: string;
}): ExplorerView {
  const layer = o.shown ?? o.original;
  const changed = Object.keys(argumentChanges(o.original, o.overrides)).length > 0 || 'input' in o.overrides;
  const { input, output } = channelsOf(layer);
  const groups = layer.spec?.args.groups;
  const channels =
    input !== undefined && output !== undefined && typeof groups === 'number' && groups > 1
      ? { input, output, groups }
      : undefined;
  return {
    title: layerTitle(layer),
    kind: layer.kind,
    ...(layer.name ? { name: layer.name } : {}),
    ...(o.shown?.axes ? { axes: o.shown.axes } : {}),
    formulas: o.shown?.axes ? formulaLines(o.shown.axes) : [],
    notes: o.shown?.notes ?? [],
    ...(channels ? { channels } : {}),
    controls: layerControls(o.original, o.overrides, o.input),
    ...(modelLine(o.model) ? { model: modelLine(o.model) } : {}),
    problems: o.problems,
    ...(o.layerError ? { error: o.layerError } : {}),
    changed,
    applicable: changed && o.applicable === true,
    ...(o.applicable === true ? {} : { notApplicable: o.applicable }),
    location: o.location,
  };
}
