// `convshape lsp --stdio` seen from a JSON-RPC client of our own (json-rpc-client.ts): initialize,
// diagnostics pushed with their fixes, inlay hints, code lens, hover, a quick fix whose edit, sent
// back as an incremental change, makes the diagnostic go away; analyses in the worker, and
// cancellation. The server runs from the compiled sources (out/src/cli/main.js), as a process.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../cli/run-cli';
import { applyEdits, JsonRpcClient, RpcError, type LspTextEdit } from './json-rpc-client';

const repoRoot = path.resolve(__dirname, '../../../..');
const CLI = path.join(repoRoot, 'out/src/cli/main.js');
const MODEL = fs.readFileSync(path.join(repoRoot, 'test/unit/cli/check-workspace/wrong_features.py'), 'utf8');
const URI = 'file:///project/wrong_features.py';

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Diagnostic {
  range: Range;
  code: string;
  source: string;
  message: string;
  data?: { version: number; fixes: { title: string; edits: LspTextEdit[] }[] };
}
interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
interface CodeAction {
  title: string;
  kind: string;
  isPreferred?: boolean;
  edit: { changes: Record<string, LspTextEdit[]> };
}

function startServer(initializationOptions: unknown = {}): { client: JsonRpcClient; ready: Promise<unknown> } {
  const client = new JsonRpcClient(process.execPath, [CLI, 'lsp', '--stdio'], { cwd: repoRoot });
  const ready = client
    .request('initialize', {
      processId: process.pid,
      rootUri: 'file:///project',
      workspaceFolders: [{ uri: 'file:///project', name: 'project' }],
      capabilities: {
        textDocument: { hover: { contentFormat: ['markdown'] }, inlayHint: {}, codeAction: {}, codeLens: {} },
        workspace: { workspaceFolders: true },
      },
      initializationOptions,
    })
    .then(result => {
      client.notify('initialized', {});
      return result;
    });
  return { client, ready };
}

const positionOf = (text: string, needle: string): Position => {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
};

describe('lsp: convshape lsp --stdio with a JSON-RPC client', function () {
  this.timeout(60_000);
  let client: JsonRpcClient;
  let capabilities: Record<string, unknown>;

  before(async () => {
    const started = startServer();
    client = started.client;
    capabilities = ((await started.ready) as { capabilities: Record<string, unknown> }).capabilities;
    client.notify('textDocument/didOpen', {
      textDocument: { uri: URI, languageId: 'python', version: 1, text: MODEL },
    });
  });

  after(async () => {
    assert.equal(await client.close(), 0, client.stderr);
  });

  it('announces incremental sync, hover, inlay hints, code actions, code lens and workspace folders', () => {
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(capabilities.hoverProvider, true);
    assert.equal(capabilities.inlayHintProvider, true);
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.ok(capabilities.codeLensProvider);
    assert.deepEqual(capabilities.workspace, { workspaceFolders: { supported: true, changeNotifications: true } });
  });

  it('pushes the diagnostic with its code and the fixes in its data, analysed in the worker', async () => {
    const published = await client.waitFor<Published>('textDocument/publishDiagnostics', p => p.uri === URI);
    assert.equal(published.version, 1);
    assert.equal(published.diagnostics.length, 1);
    const [d] = published.diagnostics;
    assert.equal(d.code, 'features-mismatch');
    assert.equal(d.source, 'convshape');
    assert.match(d.message, /mat1 and mat2 shapes cannot be multiplied \(2x5408 and 9000x10\)/);
    assert.equal(d.range.start.line, 8, 'on the Linear whose in_features is wrong');
    assert.equal(d.data?.version, 1);
    assert.ok(
      d.data.fixes.some(f => f.edits.some(e => e.newText === '5408')),
      JSON.stringify(d.data),
    );
    const logged = client.notifications
      .filter(n => n.method === 'window/logMessage')
      .map(n => JSON.stringify(n.params));
    assert.ok(
      logged.some(l => l.includes('analysis worker started (Node worker thread)')),
      logged.join('\n'),
    );
    assert.ok(
      logged.some(l => /analysed file:\/\/\/project\/wrong_features\.py v1 .*\(worker\)/.test(l)),
      logged.join('\n'),
    );
  });

  it('gives inlay hints with each layer’s output shape (LSP 3.17)', async () => {
    const hints = (await client.request('textDocument/inlayHint', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 16, character: 0 } },
    })) as { position: Position; label: string; kind: number; tooltip?: { kind: string; value: string } }[];
    const byLine = new Map(hints.map(h => [h.position.line, h]));
    assert.equal(byLine.get(7)?.label, '→ [2, 8, 26, 26]');
    assert.equal(byLine.get(7)?.kind, 1);
    assert.match(byLine.get(7)?.tooltip?.value ?? '', /H: .*= 26/);
    assert.equal(byLine.get(8)?.label, '→ [2, 10]');
  });

  it('gives a code lens with the model summary', async () => {
    const lenses = (await client.request('textDocument/codeLens', { textDocument: { uri: URI } })) as {
      range: Range;
      command: { title: string; command: string; arguments: unknown[] };
    }[];
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].range.start.line, 4);
    assert.match(lenses[0].command.title, /^\[2, 1, 28, 28\] → \[2, 10\] · [\d.]+K params$/);
    const summary = await client.request('workspace/executeCommand', {
      command: lenses[0].command.command,
      arguments: lenses[0].command.arguments,
    });
    assert.match(String(summary), /fc/);
    await client.waitFor<{ message: string }>('window/showMessage', p => /conv/.test(p.message));
  });

  it('hovers a layer in markdown: title, formulas with numbers, parameters, the text diagram', async () => {
    const hover = (await client.request('textDocument/hover', {
      textDocument: { uri: URI },
      position: positionOf(MODEL, 'nn.Conv2d'),
    })) as { contents: { kind: string; value: string }; range: Range };
    assert.equal(hover.contents.kind, 'markdown');
    const md = hover.contents.value;
    assert.match(md, /\*\*conv: Conv2d\*\*/);
    assert.match(md, /H: ⌊\(28 \+ 2·0 − 3\)\/1⌋ \+ 1 = 26 {3}\(relationship 1\)/);
    assert.match(md, /params 80/);
    assert.match(md, /■/, 'the text diagram');
    assert.doesNotMatch(md, /data:image/, 'no image unless the client says it shows them');
  });

  it('offers the same quick fix as VS Code; its edit, sent as an incremental change, clears the diagnostic', async () => {
    const published = await client.waitFor<Published>('textDocument/publishDiagnostics', p => p.version === 1);
    const actions = (await client.request('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: published.diagnostics[0].range,
      context: { diagnostics: published.diagnostics },
    })) as CodeAction[];
    const fix = actions.find(a => a.isPreferred);
    assert.ok(fix, JSON.stringify(actions));
    assert.equal(fix.kind, 'quickfix');
    assert.match(fix.title, /5408/);
    const edits = fix.edit.changes[URI];
    const fixed = applyEdits(MODEL, edits);
    assert.match(fixed, /nn\.Linear\(5408, 10\)/);
    client.notify('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: edits.map(e => ({ range: e.range, text: e.newText })),
    });
    const after = await client.waitFor<Published>('textDocument/publishDiagnostics', p => p.version === 2);
    assert.deepEqual(after.diagnostics, []);
    const hints = (await client.request('textDocument/inlayHint', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 16, character: 0 } },
    })) as { position: Position; label: string }[];
    assert.ok(
      hints.some(h => h.label === '→ [2, 10]' && h.position.line === 11),
      JSON.stringify(hints),
    );
  });

  it('without data (a client that drops it) still finds the fix in the current analysis', async () => {
    const uri = 'file:///project/second.py';
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: MODEL } });
    const published = await client.waitFor<Published>('textDocument/publishDiagnostics', p => p.uri === uri);
    const bare = published.diagnostics.map(({ data: _data, ...d }) => d);
    const actions = (await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: bare[0].range,
      context: { diagnostics: bare },
    })) as CodeAction[];
    assert.ok(
      actions.some(a => a.isPreferred && /5408/.test(a.title)),
      JSON.stringify(actions),
    );
    client.notify('textDocument/didClose', { textDocument: { uri } });
    await client.waitFor<Published>(
      'textDocument/publishDiagnostics',
      p => p.uri === uri && p.diagnostics.length === 0,
    );
  });

  it('answers a cancelled request with RequestCancelled instead of waiting for a long analysis', async () => {
    const uri = 'file:///project/big.py';
    const block = MODEL.replace(/Head/g, 'Head_N');
    const text = Array.from({ length: 200 }, (_, i) => block.replace(/Head_N/g, `Head${i}`)).join('\n');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    const answer = client.requestAndCancel('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(text, 'nn.Conv2d'),
    });
    await assert.rejects(answer, (e: unknown) => e instanceof RpcError && e.code === -32800);
    // The analysis itself went on: its diagnostics arrive.
    const published = await client.waitFor<Published>('textDocument/publishDiagnostics', p => p.uri === uri, 50_000);
    assert.equal(published.diagnostics.length, 200);
  });
});

describe('lsp: initialization options mirror the VS Code settings', function () {
  this.timeout(60_000);

  it('hover.images shows the diagram as an SVG image; inlayHints.enabled false hides hints; severity off drops a code until the settings change', async () => {
    const { client, ready } = startServer({
      convshape: {
        hover: { images: true },
        inlayHints: { enabled: false },
        diagnostics: { severity: { 'features-mismatch': 'off' } },
      },
    });
    try {
      await ready;
      client.notify('textDocument/didOpen', {
        textDocument: { uri: URI, languageId: 'python', version: 1, text: MODEL },
      });
      const published = await client.waitFor<Published>('textDocument/publishDiagnostics', p => p.uri === URI);
      assert.deepEqual(published.diagnostics, []);
      const hover = (await client.request('textDocument/hover', {
        textDocument: { uri: URI },
        position: positionOf(MODEL, 'nn.Conv2d'),
      })) as { contents: { value: string } };
      assert.match(hover.contents.value, /!\[Conv2d diagram\]\(data:image\/svg\+xml;base64,/);
      const hints = await client.request('textDocument/inlayHint', {
        textDocument: { uri: URI },
        range: { start: { line: 0, character: 0 }, end: { line: 16, character: 0 } },
      });
      assert.deepEqual(hints, []);
      // New settings from the client: the severity override is gone, the diagnostic comes back.
      client.notify('workspace/didChangeConfiguration', { settings: { convshape: { hover: { images: true } } } });
      const again = await client.waitFor<Published>(
        'textDocument/publishDiagnostics',
        p => p.uri === URI && p.diagnostics.length === 1,
      );
      assert.equal(again.diagnostics[0].code, 'features-mismatch');
    } finally {
      assert.equal(await client.close(), 0, client.stderr);
    }
  });
});

describe('lsp: the command line', () => {
  it('accepts --stdio only, and says how it is used', async () => {
    const bad = await runCli('lsp', '--tcp');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /unknown option '--tcp'/);
    const help = await runCli('lsp', '--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /convshape lsp --stdio/);
    const usage = await runCli('--help');
    assert.match(usage.out, /lsp --stdio/);
  });
});
