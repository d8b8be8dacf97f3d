// The explorer webview's page: a strict Content-Security-Policy (nothing remote, no inline script
// or style without the page's nonce), the theme's colours as CSS variables, and the bundled
// script (dist/webview/explorer.js). No `vscode` here: the caller passes the URIs as strings.
import { diagramCss } from '../render/svg';
import { paletteVariables, type Theme } from '../render/themes';

/** A fresh nonce per page: 32 characters from a CSPRNG (Web Crypto exists in Node 20 and browsers). */
export function makeNonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 32);
}

const THEME_CLASSES: Record<Theme, string> = {
  light: 'vscode-light',
  dark: 'vscode-dark',
  'high-contrast': 'vscode-high-contrast',
  'high-contrast-light': 'vscode-high-contrast-light',
};

/** The channel groups' hues (webview/groups-svg.ts' g0…g5), apart on light, dark and high-contrast pages. */
const GROUP_HUES = ['#e4572e', '#29a19c', '#f3a712', '#8e6cc6', '#4c9f38', '#d1495b'];

/**
 * The theme-dependent rules: the palette per theme class (VS Code sets `vscode-light`, `vscode-dark`,
 * … on the body) and the diagram's rules in those variables. The layout rules are the webview
 * script's (src/webview/style.ts), so they ship once.
 */
function pageCss(): string {
  const themes = (Object.entries(THEME_CLASSES) as [Theme, string][])
    .map(([theme, cls]) => `body.${cls}{${paletteVariables(theme)}}`)
    .join('\n');
  const groups = GROUP_HUES.map((c, g) => `.g${g}{fill:${c}}`).join('');
  return `body{${paletteVariables('light')}}\n${themes}\n${diagramCss()}${groups}`;
}

/** The page. `scriptUri` and `cspSource` come from the webview (asWebviewUri, cspSource). */
export function explorerHtml(o: { scriptUri: string; cspSource: string; nonce: string }): string {
  const csp = [
    "default-src 'none'",
    `img-src ${o.cspSource} data:`,
    `style-src 'nonce-${o.nonce}'`,
    `script-src 'nonce-${o.nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>ConvShape Explorer</title>
<style nonce="${o.nonce}">${pageCss()}</style>
</head>
<body>
<main id="app"><p class="note">Loading the layer…</p></main>
<script nonce="${o.nonce}" src="${o.scriptUri}"></script>
</body>
</html>`;
}
