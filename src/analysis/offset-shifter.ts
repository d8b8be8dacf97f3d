// Moves the offsets of a stored model run from the top-level statements it was recorded in to
// where those statements are now (incremental.ts). `ok` turns false when an offset lay outside
// every statement given (the run could not be moved correctly).
import type { HintCandidate } from './context';
import { Recorder } from './context';
import type { Diagnostic, LayerCall, TextRange } from './types';

export interface Extent {
  readonly start: number;
  readonly end: number;
}

/** Moves offsets from the spans a run was recorded in to where those spans are now. */
export class Shifter {
  ok = true;
  readonly identity: boolean;

  constructor(
    private readonly from: readonly Extent[],
    private readonly to: readonly Extent[],
  ) {
    this.identity = from.every((s, i) => s.start === to[i].start);
  }

  private index(o: number): number {
    let lo = 0;
    let hi = this.from.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.from[mid].start <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  delta(o: number): number {
    const i = this.index(o);
    const s = this.from[i];
    if (!s || o < s.start || o > s.end) {
      this.ok = false;
      return 0;
    }
    return this.to[i].start - s.start;
  }

  offset(o: number): number {
    return o + this.delta(o);
  }

  range<R extends TextRange>(r: R): R {
    const d = this.delta(r.start);
    return d === 0 ? r : { ...r, start: r.start + d, end: r.end + d };
  }

  key(key: string): string {
    const colon = key.lastIndexOf(':');
    const n = Number(key.slice(colon + 1));
    if (colon < 0 || !Number.isInteger(n)) {
      this.ok = false;
      return key;
    }
    return `${key.slice(0, colon + 1)}${this.offset(n)}`;
  }

  layer(l: LayerCall): LayerCall {
    return {
      ...l,
      ...(l.definition ? { definition: this.range(l.definition) } : {}),
      ...(l.call ? { call: this.range(l.call) } : {}),
    };
  }

  hint(h: HintCandidate): HintCandidate {
    return {
      ...h,
      offset: this.offset(h.offset),
      range: this.range(h.range),
      key: this.key(h.key),
      order: this.offset(h.order),
    };
  }

  diagnostic(d: Diagnostic): Diagnostic {
    return {
      ...d,
      range: this.range(d.range),
      fixes: d.fixes.map(f => ({ ...f, edits: f.edits.map(e => ({ ...e, range: this.range(e.range) })) })),
    };
  }

  recorder(rec: Recorder): Recorder {
    const out = new Recorder();
    out.layers.push(...rec.layers.map(l => this.layer(l)));
    out.modelLayers.push(...rec.modelLayers);
    out.hints.push(...rec.hints.map(h => this.hint(h)));
    out.diagnostics.push(...rec.diagnostics.map(d => this.diagnostic(d)));
    out.accepted = rec.accepted;
    if (rec.implied)
      out.implied = { ...rec.implied, ...(rec.implied.range ? { range: this.range(rec.implied.range) } : {}) };
    return out;
  }
}
