// What VS Code reads from the manifest: activation events and workspace capabilities.
import { strict as assert } from 'assert';
import { extension } from './helpers';

describe('manifest as VS Code sees it', () => {
  it('activates on Python files and Jupyter notebooks', () => {
    const events: string[] = extension().packageJSON.activationEvents;
    assert.ok(events.includes('onLanguage:python'), `activationEvents: ${events}`);
    assert.ok(events.includes('onNotebook:jupyter-notebook'), `activationEvents: ${events}`);
  });

  it('declares support for untrusted and virtual workspaces (it never runs user code)', () => {
    const caps = extension().packageJSON.capabilities;
    assert.equal(caps?.untrustedWorkspaces?.supported, true);
    assert.equal(caps?.virtualWorkspaces, true);
  });

  it('runs in a Node extension host, with a web bundle declared for browser hosts', () => {
    // Desktop VS Code and code-server both load `main` in Node (extensionKind differs: UI locally,
    // Workspace under a server), so check the runtime, not the kind.
    assert.ok(process.versions.node, 'extension tests share the extension host with the extension');
    const ext = extension();
    assert.equal(ext.packageJSON.main, './dist/extension.js');
    assert.equal(ext.packageJSON.browser, './dist/web/extension.js');
  });
});
