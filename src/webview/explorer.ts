// The explorer webview's script (bundled by tools/build.mjs to dist/webview/explorer.js). It plays,
// pauses, steps and scrubs the kernel positions, which the extension draws with the hover's own
// renderer (render/svg.ts via extension/explorer-frames.ts) and sends one at a time, and it sends
// the controls' values to the extension, which re-analyses the model and answers with a new view.
// Keyboard: every control is a native button, range or select; Space plays or pauses and ←/→
// step when the diagram has focus. State survives the panel being hidden (getState/setState).
import type {
  ExplorerControl,
  ExplorerFrame,
  ExplorerView,
  FromExplorer,
  ToExplorer,
} from '../extension/explorer-protocol';
import { renderGroupsSvg } from './groups-svg';
import { addStyles } from './style';

interface VsCodeApi {
  postMessage(message: FromExplorer): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  readonly view?: ExplorerView;
  readonly position: number;
  readonly speed: number;
}

addStyles((document.currentScript as HTMLScriptElement | null)?.nonce);
const vscode = acquireVsCodeApi();
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
const saved = vscode.getState();

let view: ExplorerView | undefined = saved?.view;
let position = saved?.position ?? 0;
/** How many kernel positions play (known from the first frame received). */
let count = 0;
/** A frame was asked for and has not arrived: playing waits for it rather than piling requests. */
let waiting = false;
/** Frames per second. */
let speed = saved?.speed ?? 2;
let timer: ReturnType<typeof setInterval> | undefined;
let setTimer: ReturnType<typeof setTimeout> | undefined;

const app = document.getElementById('app')!;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

function save(): void {
  vscode.setState({ view, position, speed });
}

function playing(): boolean {
  return timer !== undefined;
}

function stop(): void {
  clearInterval(timer);
  timer = undefined;
}

function play(): void {
  stop();
  // Reduced motion: the frames still advance (the user asked to play), but slowly.
  const fps = reducedMotion.matches ? Math.min(speed, 0.5) : speed;
  timer = setInterval(() => {
    if (!waiting && count > 1) ask(position + 1);
  }, 1000 / fps);
  updateTransport();
}

function ask(p: number): void {
  waiting = true;
  vscode.postMessage({ type: 'frame', position: p });
}

/** Shows a frame the extension drew: the diagram, its caption and arithmetic, the transport's state. */
function drawFrame(frame: ExplorerFrame): void {
  waiting = false;
  const diagram = document.getElementById('diagram');
  if (!diagram) return;
  position = frame.position;
  count = frame.count;
  diagram.innerHTML = frame.svg;
  diagram.setAttribute('aria-label', `${view?.title ?? ''}: ${frame.caption}`);
  document.getElementById('frame-caption')!.textContent = frame.caption;
  document.getElementById('frame-arith')!.textContent = frame.arithmetic.join('\n');
  updateTransport();
  save();
}

function updateTransport(): void {
  const scrub = document.getElementById('scrub') as HTMLInputElement | null;
  if (!scrub) return;
  scrub.max = String(Math.max(0, count - 1));
  scrub.value = String(position);
  scrub.setAttribute('aria-valuetext', `kernel position ${position + 1} of ${count}`);
  document.getElementById('position')!.textContent = `${position + 1} / ${count}`;
  const toggle = document.getElementById('play')!;
  toggle.textContent = playing() ? '❚❚ Pause' : '▶ Play';
  toggle.setAttribute('aria-pressed', String(playing()));
  // Announced only when stepping by hand; while playing it would chatter.
  document.getElementById('frame-caption')!.setAttribute('aria-live', playing() ? 'off' : 'polite');
}

function step(by: number): void {
  stop();
  ask(position + by);
}

function controlRow(c: ExplorerControl): Node[] {
  const id = `control-${c.role}`;
  const label = el('label', { for: id, class: c.changed ? 'changed' : '' }, c.changed ? `${c.label} •` : c.label);
  const out = el('output', { for: id, id: `${id}-value` }, String(c.value));
  const send = (value: number | string) => {
    clearTimeout(setTimer);
    setTimer = setTimeout(() => vscode.postMessage({ type: 'set', role: c.role, value }), 120);
  };
  let input: HTMLInputElement | HTMLSelectElement;
  if (c.options) {
    input = el('select', { id, 'data-role': c.role });
    for (const o of c.options) input.append(el('option', { value: String(o) }, String(o)));
    input.value = String(c.value);
    input.addEventListener('change', () => {
      const v = (input as HTMLSelectElement).value;
      out.textContent = v;
      send(typeof c.value === 'number' ? Number(v) : v);
    });
  } else {
    input = el('input', {
      id,
      type: 'range',
      min: String(c.min ?? 0),
      max: String(c.max ?? 10),
      step: '1',
      value: String(c.value),
      'data-role': c.role,
    });
    input.addEventListener('input', () => {
      out.textContent = (input as HTMLInputElement).value;
      send(Number((input as HTMLInputElement).value));
    });
  }
  return [label, input, out];
}

function render(): void {
  stop();
  app.replaceChildren();
  if (!view) return;
  const drawable = !!view.axes?.length;
  const heading = el('h1', {}, view.title);
  const where = el('p', { class: 'where' });
  const reveal = el(
    'button',
    { class: 'secondary', id: 'reveal', title: 'Show the layer in the editor' },
    view.location,
  );
  reveal.addEventListener('click', () => vscode.postMessage({ type: 'reveal' }));
  where.append('Written at ', reveal);
  const stage = el('section', { class: 'stage', 'aria-label': 'Kernel positions' });
  if (drawable) {
    const diagram = el('div', { id: 'diagram', role: 'img', tabindex: '0' });
    diagram.addEventListener('keydown', e => {
      if (e.key === ' ' || e.key === 'Enter') {
        e.preventDefault();
        togglePlay();
      } else if (e.key === 'ArrowRight') step(1);
      else if (e.key === 'ArrowLeft') step(-1);
    });
    const transport = el('div', { class: 'transport', role: 'group', 'aria-label': 'Animation' });
    const back = el(
      'button',
      { id: 'back', title: 'Previous kernel position (←)', 'aria-label': 'Previous kernel position' },
      '◀',
    );
    const toggle = el('button', { id: 'play', 'aria-pressed': 'false' }, '▶ Play');
    const fwd = el(
      'button',
      { id: 'next', title: 'Next kernel position (→)', 'aria-label': 'Next kernel position' },
      '▶|',
    );
    const scrub = el('input', { id: 'scrub', type: 'range', min: '0', step: '1', 'aria-label': 'Kernel position' });
    const speedSelect = el('select', { id: 'speed', 'aria-label': 'Speed' });
    for (const s of [0.5, 1, 2, 4, 8]) speedSelect.append(el('option', { value: String(s) }, `${s}×/s`));
    speedSelect.value = String(speed);
    back.addEventListener('click', () => step(-1));
    fwd.addEventListener('click', () => step(1));
    toggle.addEventListener('click', togglePlay);
    scrub.addEventListener('input', () => {
      stop();
      ask(Number(scrub.value));
    });
    speedSelect.addEventListener('change', () => {
      speed = Number(speedSelect.value);
      if (playing()) play();
      save();
    });
    transport.append(back, toggle, fwd, scrub, el('span', { id: 'position' }), speedSelect);
    stage.append(
      diagram,
      transport,
      el('p', { class: 'frame', id: 'frame-caption', 'aria-live': 'polite' }),
      el('p', { class: 'frame', id: 'frame-arith' }),
    );
  } else {
    stage.append(el('p', { class: 'note', role: 'alert' }, view.error ?? 'This layer cannot be drawn.'));
  }
  const side = el('section', { class: 'side', 'aria-label': 'Arguments' });
  side.append(el('h2', {}, 'Formula'));
  for (const f of view.formulas) side.append(el('p', { class: 'formula' }, f));
  if (view.error && drawable) side.append(el('p', { class: 'problems introduced', role: 'alert' }, view.error));
  for (const n of view.notes) side.append(el('p', { class: 'note' }, n));
  side.append(el('h2', {}, 'Arguments'));
  const controls = el('div', { class: 'controls' });
  for (const c of view.controls) controls.append(...controlRow(c));
  side.append(controls);
  const actions = el('div', { class: 'actions' });
  const apply = el(
    'button',
    { id: 'apply', title: view.notApplicable ?? 'Write these arguments into the code (one undo)' },
    'Apply to code',
  );
  if (!view.applicable) apply.setAttribute('disabled', '');
  apply.addEventListener('click', () => vscode.postMessage({ type: 'apply' }));
  const reset = el('button', { id: 'reset', class: 'secondary' }, 'Reset');
  if (!view.changed) reset.setAttribute('disabled', '');
  reset.addEventListener('click', () => vscode.postMessage({ type: 'reset' }));
  actions.append(apply, reset);
  side.append(actions);
  if (view.notApplicable) side.append(el('p', { class: 'note' }, view.notApplicable));
  const groups = view.channels && renderGroupsSvg(view.channels);
  if (groups) {
    side.append(el('h2', {}, 'Channel groups'));
    const holder = el('div', { id: 'groups' });
    holder.innerHTML = groups;
    side.append(holder);
  }
  side.append(el('h2', {}, 'Model'));
  if (view.model) side.append(el('p', { class: 'formula', id: 'model' }, view.model));
  const problems = el('ul', { class: 'problems', id: 'problems' });
  for (const p of view.problems)
    problems.append(
      el('li', { class: p.introduced ? 'introduced' : '' }, `line ${p.line}: ${p.severity}: ${p.message}`),
    );
  if (view.problems.length === 0)
    side.append(el('p', { class: 'note', id: 'no-problems' }, 'No shape errors in the model.'));
  else side.append(problems);
  const layout = el('div', { class: 'layout' }, stage, side);
  app.append(heading, where, layout);
  if (drawable) ask(position);
}

function togglePlay(): void {
  if (playing()) stop();
  else play();
  updateTransport();
}

window.addEventListener('message', (e: MessageEvent<ToExplorer>) => {
  const message = e.data;
  if (message.type === 'view') {
    const sameLayer = view?.location === message.view.location;
    // Keep the focused control focused across the redraw a slider's change causes.
    const focused = (document.activeElement as HTMLElement | null)?.id;
    const wasPlaying = playing();
    view = message.view;
    if (!sameLayer) position = 0;
    render();
    if (focused) document.getElementById(focused)?.focus();
    if (wasPlaying && sameLayer) play();
  } else if (message.type === 'frame') {
    drawFrame(message.frame);
  } else {
    view = undefined;
    stop();
    app.replaceChildren(el('p', { class: 'note' }, message.message));
    save();
  }
});

if (view) render();
vscode.postMessage({ type: 'ready' });
