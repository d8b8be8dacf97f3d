// A long document in the extension host: the analysis time is measured and logged, and a document
// that takes over 50 ms is analysed once per pause in typing, not on every keystroke.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { fixtureUri, waitFor } from './helpers';
import { activated, closeAll, hintsOf, replaceText, untitled } from './features-support';

/** model.py's class repeated under new names until the text has `lines` lines, with one sample input. */
function longModelFile(lines: number): string {
  const model = fs.readFileSync(fixtureUri('model.py').fsPath, 'utf8').split('if __name__')[0];
  const body = model.slice(model.indexOf('class SmallConvNet'));
  const parts = [model];
  for (let i = 1; parts.join('').split('\n').length < lines; i++) parts.push(body.replace('SmallConvNet', `SmallConvNet${i}`));
  return `${parts.join('')}\nprint(SmallConvNet()(torch.randn(1, 3, 32, 32)).shape)\n`;
}

/** The `analysed …` lines the extension logged for a document with at least `minLines` lines. */
async function analysisLog(minLines: number): Promise<{ lines: number; ms: number }[]> {
  await vscode.commands.executeCommand('convshape.showLog');
  const doc = await waitFor('the ConvShape log', () =>
    vscode.workspace.textDocuments.find(d => d.uri.scheme === 'output' && /ConvShape/.test(d.uri.path)));
  return [...doc.getText().matchAll(/^analysed untitled:\S+ \((\d+) lines\) in ([\d.]+) ms/gm)]
    .map(m => ({ lines: Number(m[1]), ms: Number(m[2]) }))
    .filter(e => e.lines >= minLines);
}

describe('a 10,000-line document', function () {
  this.timeout(60000);
  before(activated);
  after(closeAll);

  it('is analysed once, timed in the log, and once more only after the typing pauses', async () => {
    const text = longModelFile(10000);
    const { document } = await untitled(text);
    assert.ok(document.lineCount >= 10000);
    const started = Date.now();
    const hints = await hintsOf(document);
    console.log(`      first hints of ${document.lineCount} lines in ${Date.now() - started} ms`);
    assert.ok(hints.length > 5000, `${hints.length} hints`);
    const first = await waitFor('the analysis log line', async () => {
      const log = await analysisLog(10000);
      return log.length ? log : undefined;
    });
    console.log(`      logged analysis time: ${first.map(e => `${e.ms} ms`).join(', ')}`);
    // Type five characters, 30 ms apart, asking for hints after each as the editor does.
    const requests: Promise<unknown>[] = [];
    for (let i = 1; i <= 5; i++) {
      await replaceText(document, `num_classes: int = 1${i - 1}`, `num_classes: int = 1${i}`);
      requests.push(hintsOf(document));
      await new Promise(r => setTimeout(r, 30));
    }
    await Promise.all(requests);
    const log = await analysisLog(10000);
    const analyses = log.length - first.length;
    console.log(`      5 keystrokes → ${analyses} analysis (${log.slice(first.length).map(e => `${e.ms} ms`).join(', ')})`);
    if (first[0].ms > 50) assert.equal(analyses, 1, 'one analysis after the pause, not one per keystroke');
    else assert.ok(analyses >= 1 && analyses <= 5);
    assert.equal((await hintsOf(document)).find(h => h.line === 12)?.label, '→ [1, 15]');
  });
});
