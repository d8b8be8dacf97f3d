// Starts the analysis worker in the web extension host (itself a Web Worker): a nested Web Worker
// running dist/analysis-worker.js as a classic script. VS Code (1.90+) lets a web extension
// create one from a URL under its extension URI (it loads the script through a blob: bootstrap);
// it refuses `vscode-remote:` URIs, which then counts as a failed start (see main-web.ts).
import type { AnalysisHost, InProcessAnalyzer, WorkerChannel } from '../worker/analysis-client';
import type { FromWorker, ToWorker } from '../worker/analysis-protocol';

/** The part of the DOM's Worker used here (tsconfig has no DOM library). */
interface WebWorker {
  onmessage: ((event: { data: FromWorker }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
  onmessageerror: ((event: unknown) => void) | null;
  postMessage(message: ToWorker): void;
  terminate(): void;
}
type WebWorkerConstructor = new (url: string, options?: { name?: string }) => WebWorker;

export function webAnalysisHost(workerUrl: string, inProcess: () => InProcessAnalyzer): AnalysisHost {
  return {
    kind: 'Web Worker',
    spawn: () => {
      const Ctor = (globalThis as { Worker?: WebWorkerConstructor }).Worker;
      if (typeof Ctor !== 'function') throw new Error('this extension host has no Worker');
      return webChannel(new Ctor(workerUrl, { name: 'convshape-analysis' }));
    },
    inProcess,
  };
}

function webChannel(worker: WebWorker): WorkerChannel {
  return {
    post: message => worker.postMessage(message),
    listen(onMessage, onFailure) {
      let failed = false;
      worker.onmessage = event => onMessage(event.data);
      worker.onerror = event => {
        // Handled here: an unhandled worker error must not take the extension host down.
        event.preventDefault?.();
        if (!failed) onFailure(event.message || 'the worker failed to load or threw');
        failed = true;
      };
      worker.onmessageerror = () => {
        if (!failed) onFailure('unreadable message');
        failed = true;
      };
    },
    terminate: () => worker.terminate(),
  };
}
