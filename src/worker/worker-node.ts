// Starts the analysis worker in a Node extension host (desktop and remote VS Code) with
// worker_threads. The worker is this extension's own bundle, dist/analysis-worker.js (beside
// dist/extension.js); the in-process fallback requires that same file on the main thread, so the
// analysis code is never part of the main bundle (tools/build.mjs keeps `./analysis-worker` out).
import { Worker } from 'worker_threads';
import type { AnalysisHost, InProcessAnalyzer, WorkerChannel } from './analysis-client';
import type { FromWorker } from './analysis-protocol';
import type * as AnalysisWorkerModule from './analysis-worker';

/** The worker script: dist/analysis-worker.js in the bundle, out/src/extension/analysis-worker.js when compiled by tsc. */
export const NODE_WORKER_FILE = `${__dirname}/analysis-worker.js`;

export function nodeAnalysisHost(workerFile = NODE_WORKER_FILE): AnalysisHost {
  return {
    kind: 'Node worker thread',
    spawn: () => nodeChannel(new Worker(workerFile, { name: 'convshape-analysis' })),
    inProcess: (): InProcessAnalyzer => {
      // Loaded only when workers fail: the analysis stays out of the extension bundle (tools/build.mjs).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const worker = require('./analysis-worker') as typeof AnalysisWorkerModule;
      return worker.createAnalysisService();
    },
  };
}

function nodeChannel(worker: Worker): WorkerChannel {
  // The worker must not keep a process alive that is otherwise done (tests, shutdown).
  worker.unref();
  return {
    post: message => worker.postMessage(message),
    listen(onMessage, onFailure) {
      let failed = false;
      const fail = (reason: string) => {
        if (failed) return;
        failed = true;
        onFailure(reason);
      };
      worker.on('message', (message: FromWorker) => onMessage(message));
      worker.on('error', e => fail(e instanceof Error ? e.message : String(e)));
      worker.on('messageerror', e => fail(`unreadable message: ${e.message}`));
      worker.on('exit', code => fail(`exited with code ${code}`));
    },
    terminate: () => void worker.terminate(),
  };
}
