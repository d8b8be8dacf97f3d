// Every user-controlled string (layer, model and class names, notes, error messages) that reaches
// an SVG or markdown is rendered as text: no script, no HTML, no javascript: or command: links.
// The hover is untrusted markdown, and the extension declares it works in untrusted workspaces.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Analysis, LayerCall, ModelInfo } from '../../../src/analysis/types';
import { applyLayer, bindLayer, sym } from '../../../src/engine';
import { hoverMarkdown } from '../../../src/render/explain';
import { summaryMarkdown } from '../../../src/render/summary';
import { escapeXml, renderLayerSvg } from '../../../src/render/svg';
import { base64OfUtf8 } from '../../../src/render/base64';

const root = path.resolve(__dirname, '../../../..');

const HOSTILE = [
  '<script>alert(1)</script>',
  '](javascript:alert(1))',
  '[click](command:workbench.action.terminal.new)',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '`code` **bold** <!-- x --> &amp; \\',
  "' onmouseover='alert(1)",
];

/** A real Conv2d application (so the hover has a diagram, formulas and notes). */
function convFacts(name: string, kind = 'Conv2d'): LayerCall {
  const bound = bindLayer('pytorch', 'Conv2d', [3, 8, 3], { stride: 2, padding: 1 });
  assert.ok(bound?.ok);
  const r = applyLayer(bound.spec, [[1, 3, 32, 32]]);
  assert.ok(r.ok && r.output);
  return {
    name,
    kind,
    framework: 'pytorch',
    spec: bound.spec,
    inputs: [[1, 3, 32, 32]],
    output: r.output,
    axes: r.axes,
    notes: [...(r.notes ?? []), name],
    params: 224,
    macs: 1000,
  };
}

/** Markdown outside fenced code blocks (a fence shows its content literally). */
const outsideFences = (markdown: string) => markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');

/** Link and image targets in markdown that are not escaped (`](target)` without a backslash). */
function linkTargets(markdown: string): string[] {
  return [...outsideFences(markdown).matchAll(/(?<!\\)\]\(([^)\s]*)/g)].map(m => m[1]);
}

/** Raw HTML in markdown: a `<` that is not backslash-escaped, outside code fences. */
const rawHtml = (markdown: string) => /(?<!\\)<[a-zA-Z!/]/.test(outsideFences(markdown));

const SVG_ELEMENTS = new Set([
  'svg',
  'g',
  'rect',
  'text',
  'line',
  'path',
  'title',
  'style',
  'defs',
  'pattern',
  'tspan',
  'circle',
  'polygon',
  'polyline',
  'marker',
  'desc',
  'use',
  'clipPath',
]);

/** What makes an SVG unsafe: foreign elements, comments, event-handler attributes, script URLs. */
function svgProblems(svg: string): string[] {
  const problems: string[] = [];
  if (svg.includes('<!--')) problems.push('comment');
  for (const [tag, name] of svg.matchAll(/<\/?([a-zA-Z][\w:-]*)[^>]*>/g)) {
    if (!SVG_ELEMENTS.has(name)) problems.push(`element <${name}>`);
    for (const [, attr, value] of tag.matchAll(/\s([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/g)) {
      if (/^on/i.test(attr)) problems.push(`event attribute ${attr}`);
      if (/href$/i.test(attr) && !/^["']?#/.test(value)) problems.push(`link ${attr}=${value}`);
    }
  }
  // Every `<` starts a tag we recognised, i.e. no text broke out of escaping.
  const tags = [...svg.matchAll(/<\/?[a-zA-Z][\w:-]*[^>]*>/g)].length;
  if ((svg.match(/</g) ?? []).length !== tags) problems.push('stray <');
  return problems;
}

describe('security: user text is escaped in SVG and markdown', () => {
  it('escapeXml escapes all five XML specials', () => {
    assert.equal(
      escapeXml(`<a href="x" title='y'>&</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  for (const hostile of HOSTILE) {
    it(`SVG diagram: a layer named ${JSON.stringify(hostile)} is text`, () => {
      const facts = convFacts(hostile, hostile);
      const svg = renderLayerSvg({ kind: hostile, name: hostile, axes: facts.axes! });
      assert.ok(svg, 'no SVG rendered');
      assert.deepEqual(svgProblems(svg), [], svg.slice(0, 400));
      assert.ok(svg.includes(escapeXml(hostile).slice(0, 20)) || hostile.length > 80, 'the name is shown (escaped)');
    });

    it(`hover markdown: a layer named ${JSON.stringify(hostile)} is text, with no command: or script links`, () => {
      const facts = convFacts(hostile, hostile);
      const md = hoverMarkdown({ ...facts, inputs: [[sym(hostile), 3, 32, 32]] }, { error: { message: hostile } });
      assert.deepEqual(
        linkTargets(md).filter(t => !t.startsWith('data:image/svg+xml;base64,')),
        [],
        md.slice(0, 600),
      );
      assert.ok(!rawHtml(md), `raw HTML in hover: ${md.slice(0, 600)}`);
      // User text inside the formula block cannot close its fence early.
      assert.equal((md.match(/^```/gm) ?? []).length % 2, 0);
      assert.ok(!/^```/m.test(md.replace(/^```(?:text)?$/gm, '')), 'a fence opened by user text');
      // The image is our own diagram; its SVG escapes the name too.
      for (const t of linkTargets(md)) {
        const svg = Buffer.from(t.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8');
        assert.deepEqual(svgProblems(svg), []);
      }
      assert.ok(linkTargets(md).length <= 1);
    });

    it(`summary markdown: a model and layer named ${JSON.stringify(hostile)} are text`, () => {
      const layer = convFacts(hostile, hostile);
      const model: ModelInfo = {
        name: hostile,
        framework: 'pytorch',
        range: { start: 0, end: 1 },
        inputs: [[1, 3, 32, 32]],
        output: layer.output,
        params: 224,
        layers: [0],
      };
      const analysis: Analysis = { models: [model], layers: [layer], hints: [], diagnostics: [] };
      const md = summaryMarkdown(analysis, model);
      assert.deepEqual(linkTargets(md), [], md);
      assert.ok(!rawHtml(md), md);
    });
  }

  it('the link finder sees unescaped links (the checks above are not vacuous)', () => {
    assert.deepEqual(linkTargets('[a](command:x) \\](javascript:y) ![d](data:image/svg+xml;base64,AA)'), [
      'command:x',
      'data:image/svg+xml;base64,AA',
    ]);
    assert.equal(Buffer.from(base64OfUtf8('<ü>'), 'base64').toString('utf8'), '<ü>');
    assert.ok(rawHtml('a <img src=x>') && !rawHtml('a \\<img src=x\\>') && !rawHtml('```text\n<b>\n```'));
    assert.deepEqual(svgProblems('<svg><text>&lt;script&gt;</text></svg>'), []);
    assert.ok(svgProblems('<svg><text onload="x">a</text><script>x</script></svg>').length >= 2);
    assert.ok(svgProblems('<svg><text>a < b</text></svg>').length > 0);
  });

  it('the hover MarkdownString trusts the explorer command only, without HTML (src/extension/hover.ts)', () => {
    const source = fs.readFileSync(path.join(root, 'src/extension/hover.ts'), 'utf8');
    assert.match(source, /\.isTrusted\s*=\s*\{\s*enabledCommands:\s*\[OPEN_EXPLORER_COMMAND\]\s*\}/);
    assert.match(source, /\.supportHtml\s*=\s*false/);
    // No MarkdownString anywhere in the extension is made trusted or given HTML; the one webview
    // with scripts is the explorer's, whose page allows only its nonce (explorer-view.test.ts).
    const ext = path.join(root, 'src/extension');
    for (const f of fs.readdirSync(ext).filter(f => f.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(ext, f), 'utf8');
      assert.ok(!/isTrusted\s*=\s*true|isTrusted:\s*true|supportHtml\s*=\s*true/.test(text), `${f} trusts markdown`);
      if (f !== 'explorer-panel.ts') assert.ok(!/enableScripts\s*:\s*true/.test(text), `${f} enables scripts`);
    }
    const panel = fs.readFileSync(path.join(ext, 'explorer-panel.ts'), 'utf8');
    assert.match(panel, /localResourceRoots: \[scripts\]/);
    assert.match(panel, /webview\.html = explorerHtml\(/);
  });

  it('package.json declares support for untrusted and virtual workspaces', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      capabilities?: { untrustedWorkspaces?: { supported?: unknown }; virtualWorkspaces?: unknown };
    };
    assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, true);
    assert.equal(pkg.capabilities?.virtualWorkspaces, true);
  });
});
