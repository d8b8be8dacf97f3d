// Colour palettes for the diagrams. The guide's colours (blue input, cyan output, a dark
// translucent kernel) tuned to stay readable on VS Code's light, dark and high-contrast themes.
// Light and dark diagrams are transparent (they sit on the hover's own background); the
// high-contrast ones carry their own background and strong outlines.

export type Theme = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export const THEMES: readonly Theme[] = ['light', 'dark', 'high-contrast', 'high-contrast-light'];

export interface Palette {
  readonly background?: string;
  readonly border?: string;
  readonly text: string;
  readonly muted: string;
  readonly input: string;
  readonly inputStroke: string;
  readonly empty: string;
  readonly padStroke: string;
  readonly zeroStroke: string;
  readonly hatch: string;
  readonly kernel: string;
  readonly kernelOpacity: number;
  readonly kernelStroke: string;
  readonly kernelStrokeWidth: number;
  readonly output: string;
  readonly outputStroke: string;
  readonly outputActive: string;
  readonly strokeWidth: number;
}

const PALETTES: Record<Theme, Palette> = {
  light: {
    text: '#1f2328',
    muted: '#57606a',
    input: '#7fb3e8',
    inputStroke: '#2f6aa3',
    empty: 'none',
    padStroke: '#8c959f',
    zeroStroke: '#5b8fc7',
    hatch: '#c2410c',
    kernel: '#0b1f3a',
    kernelOpacity: 0.55,
    kernelStroke: '#0b1f3a',
    kernelStrokeWidth: 0.8,
    output: '#8ae6e6',
    outputStroke: '#178a8a',
    outputActive: '#178a8a',
    strokeWidth: 1,
  },
  dark: {
    text: '#e6edf3',
    muted: '#9da7b3',
    input: '#3f7fc4',
    inputStroke: '#a5c8f0',
    empty: 'none',
    padStroke: '#9da7b3',
    zeroStroke: '#7fb3e8',
    hatch: '#fb923c',
    kernel: '#02060d',
    kernelOpacity: 0.62,
    kernelStroke: '#f0f6fc',
    kernelStrokeWidth: 0.8,
    output: '#2fb5b5',
    outputStroke: '#a8eeee',
    outputActive: '#0b5e5e',
    strokeWidth: 1,
  },
  'high-contrast': {
    background: '#000000',
    border: '#6fc3df',
    text: '#ffffff',
    muted: '#ffffff',
    input: '#1f6fd6',
    inputStroke: '#ffffff',
    empty: '#000000',
    padStroke: '#ffffff',
    zeroStroke: '#ffffff',
    hatch: '#ff8c00',
    kernel: '#000000',
    kernelOpacity: 0.6,
    kernelStroke: '#ffff00',
    kernelStrokeWidth: 2,
    output: '#00c8c8',
    outputStroke: '#ffffff',
    outputActive: '#006060',
    strokeWidth: 1.5,
  },
  'high-contrast-light': {
    background: '#ffffff',
    border: '#0f4a85',
    text: '#000000',
    muted: '#000000',
    input: '#5a9de6',
    inputStroke: '#000000',
    empty: '#ffffff',
    padStroke: '#000000',
    zeroStroke: '#000000',
    hatch: '#b5200d',
    kernel: '#000000',
    kernelOpacity: 0.55,
    kernelStroke: '#000000',
    kernelStrokeWidth: 2,
    output: '#5fdcdc',
    outputStroke: '#000000',
    outputActive: '#006b6b',
    strokeWidth: 1.5,
  },
};

export function paletteOf(theme: Theme): Palette {
  return PALETTES[theme] ?? PALETTES.light;
}

/** A palette's fields, each a colour or a number, as the SVG's style rules read them. */
export type StylePalette = { readonly [K in keyof Palette]: string | number | undefined };

const FIELDS = Object.keys(PALETTES.light).concat('background', 'border') as (keyof Palette)[];

/**
 * The palette as CSS variables (`var(--cs-input)`): the explorer page sets the variables per theme
 * (`paletteVariables`), so the same SVG follows light, dark and high-contrast themes.
 */
export const CSS_PALETTE: StylePalette = Object.fromEntries(
  [...new Set(FIELDS)].map(k => [k, `var(--cs-${k})`]),
) as unknown as StylePalette;

/** `--cs-input:#7fb3e8;…` for one theme (a transparent background for light and dark). */
export function paletteVariables(theme: Theme): string {
  const p = paletteOf(theme);
  return [...new Set(FIELDS)]
    .map(k => `--cs-${k}:${p[k] ?? (k === 'background' ? 'transparent' : 'currentColor')};`)
    .join('');
}
