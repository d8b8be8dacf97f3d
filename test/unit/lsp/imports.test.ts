// The language server follows imports across the files of a workspace folder: a block imported
// from another file (read from disk while it is closed, from the client's text once it is open)
// gives the importer its shapes, and an edit of the imported file re-analyses the importer.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { JsonRpcClient } from './json-rpc-client';

const repoRoot = path.resolve(__dirname, '../../../..');
const CLI = path.join(repoRoot, 'out/src/cli/main.js');

const NET = `import torch.nn as nn
from .blocks import Block


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Block(3)
        self.head = nn.Conv2d(8, 4, 1)

    def forward(self, x):  # x: [2, 3, 16, 16]
        x = self.block(x)
        return self.head(x)
`;
const BLOCKS = (width: number) => `import torch.nn as nn


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, ${width}, 3, padding=1)

    def forward(self, x):
        return self.conv(x)
`;

interface Hint {
  position: { line: number };
  label: string;
}
interface Published {
  uri: string;
  diagnostics: { code: string; message: string }[];
}

describe('lsp: imports across the files of a workspace folder', function () {
  this.timeout(60_000);
  let dir: string;
  let client: JsonRpcClient;
  let netUri: string;
  let blocksUri: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convshape-lsp-imports-'));
    const pkg = path.join(dir, 'pkg');
    fs.mkdirSync(pkg);
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '');
    fs.writeFileSync(path.join(pkg, '__init__.py'), '');
    fs.writeFileSync(path.join(pkg, 'net.py'), NET);
    fs.writeFileSync(path.join(pkg, 'blocks.py'), BLOCKS(8));
    netUri = pathToFileURL(path.join(pkg, 'net.py')).toString();
    blocksUri = pathToFileURL(path.join(pkg, 'blocks.py')).toString();
    const folder = pathToFileURL(dir).toString();
    client = new JsonRpcClient(process.execPath, [CLI, 'lsp', '--stdio'], { cwd: repoRoot });
    await client.request('initialize', {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'project' }],
      capabilities: { textDocument: { inlayHint: {} }, workspace: { workspaceFolders: true } },
    });
    client.notify('initialized', {});
  });

  after(async () => {
    assert.equal(await client.close(), 0, client.stderr);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const hintsOfNet = async () =>
    (await client.request('textDocument/inlayHint', {
      textDocument: { uri: netUri },
      range: { start: { line: 0, character: 0 }, end: { line: 14, character: 0 } },
    })) as Hint[];

  it('reads the imported block from disk: the importer gets its shapes', async () => {
    client.notify('textDocument/didOpen', {
      textDocument: { uri: netUri, languageId: 'python', version: 1, text: NET },
    });
    const hints = await hintsOfNet();
    const byLine = new Map(hints.map(h => [h.position.line, h.label]));
    assert.equal(byLine.get(11), '→ [2, 8, 16, 16]', JSON.stringify(hints));
    assert.equal(byLine.get(12), '→ [2, 4, 16, 16]', JSON.stringify(hints));
  });

  it('an edit of the imported file, open in the client, re-analyses the importer', async () => {
    client.notify('textDocument/didOpen', {
      textDocument: { uri: blocksUri, languageId: 'python', version: 1, text: BLOCKS(8) },
    });
    // The block now makes 16 channels; the head expects 8: the importer's diagnostic is pushed.
    client.notify('textDocument/didChange', {
      textDocument: { uri: blocksUri, version: 2 },
      contentChanges: [{ text: BLOCKS(16) }],
    });
    const published = await client.waitFor<Published>(
      'textDocument/publishDiagnostics',
      p => p.uri === netUri && p.diagnostics.some(d => d.code === 'channel-mismatch'),
    );
    assert.match(published.diagnostics.find(d => d.code === 'channel-mismatch')!.message, /8 channels, but got 16/);
    const byLine = new Map((await hintsOfNet()).map(h => [h.position.line, h.label]));
    assert.equal(byLine.get(11), '→ [2, 16, 16, 16]');
  });
});
