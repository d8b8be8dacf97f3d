// The explorer page's layout and control styles, in VS Code's theme variables (the diagram's own
// colours come with the page, explorer-html.ts). Added by the script as a <style> carrying the
// page's nonce, so the Content-Security-Policy still allows no other style.
const RULES = [
  'body{color:var(--vscode-foreground);font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);padding:0 16px 24px;line-height:1.45}',
  'h1{font-size:1.15em;margin:12px 0 2px;font-weight:600}',
  '.where{color:var(--vscode-descriptionForeground);margin:0 0 8px}',
  '.layout{display:flex;flex-wrap:wrap;gap:16px 28px;align-items:flex-start}',
  '.stage{flex:1 1 300px;min-width:240px}',
  '.side{flex:0 1 280px;min-width:240px}',
  '#diagram svg{display:block;margin:auto;width:100%;height:auto;max-height:62vh}',
  '#diagram{border:1px solid var(--vscode-panel-border,transparent);padding:6px;border-radius:4px}',
  'body.vscode-high-contrast #diagram,body.vscode-high-contrast-light #diagram{border-color:var(--vscode-contrastBorder)}',
  '.gb{fill-opacity:.2}.gt{fill:var(--vscode-editor-background,#fff)}.groups text{fill:var(--vscode-foreground)}',
  '.transport{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:8px 0}',
  '.transport input[type=range]{flex:1 1 160px}',
  'button{font:inherit;color:var(--vscode-button-foreground);background:var(--vscode-button-background);border:1px solid var(--vscode-button-border,transparent);padding:3px 10px;border-radius:2px;cursor:pointer}',
  'button:hover{background:var(--vscode-button-hoverBackground)}',
  'button.secondary{color:var(--vscode-button-secondaryForeground);background:var(--vscode-button-secondaryBackground)}',
  'button:disabled{opacity:.5;cursor:default}',
  ':focus-visible{outline:2px solid var(--vscode-focusBorder);outline-offset:2px}',
  'select,input[type=number]{font:inherit;color:var(--vscode-input-foreground);background:var(--vscode-input-background);border:1px solid var(--vscode-input-border,var(--vscode-panel-border,transparent))}',
  'input[type=range]{accent-color:var(--vscode-focusBorder)}',
  '.controls{display:grid;grid-template-columns:max-content 1fr 3.5em;gap:6px 10px;align-items:center}',
  '.controls output{font-variant-numeric:tabular-nums}',
  '.controls .changed{font-weight:600}',
  '.formula,.frame{font-family:var(--vscode-editor-font-family);font-size:.95em;white-space:pre-wrap;margin:4px 0}',
  '.frame{color:var(--vscode-descriptionForeground)}',
  '.problems{padding-left:1.2em;margin:4px 0}',
  '.problems .introduced{color:var(--vscode-errorForeground)}',
  '.note{color:var(--vscode-descriptionForeground)}',
  '.actions{display:flex;gap:8px;margin:12px 0}',
  'h2{font-size:1em;margin:14px 0 4px;font-weight:600}',
  '@media (prefers-reduced-motion: reduce){*{transition:none!important;animation:none!important}}',
];

/** Adds the rules to the page, under the nonce of the script that runs this. */
export function addStyles(nonce: string | undefined): void {
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = RULES.join('\n');
  document.head.append(style);
}
