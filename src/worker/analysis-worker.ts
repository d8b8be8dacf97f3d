// The analysis worker, one file for every host (bundled once, as dist/analysis-worker.js, so the
// .vsix carries the analysis once):
// - the Node extension host and the language server start it with worker_threads (worker-node.ts);
// - the web extension host starts it as a classic script with `new Worker(url)` (worker-web.ts);
// - required on a Node main thread (the in-process fallback), it only exports the service.
// No `vscode` here, and no Node built-in but `worker_threads`, loaded only when running in Node.
import type * as WorkerThreads from 'worker_threads';
import type { ToWorker } from './analysis-protocol';
import { answer, createAnalysisService } from './analysis-service';

export { createAnalysisService };

/** The part of a Web Worker's global scope used here (tsconfig has no WebWorker library). */
interface WebWorkerScope {
  onmessage: ((event: { data: ToWorker }) => void) | null;
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
}

/** The port to answer on: a worker thread's parent in Node, undefined on Node's main thread. */
function nodeParentPort(): WorkerThreads.MessagePort | undefined {
  // Loaded only in Node: a browser has no `worker_threads`, and the bundle must load there too.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const threads = require('worker_threads') as typeof WorkerThreads;
  return threads.isMainThread ? undefined : (threads.parentPort ?? undefined);
}

const inNode = typeof process === 'object' && typeof process.versions?.node === 'string';

if (inNode) {
  const port = nodeParentPort();
  if (port) {
    const service = createAnalysisService();
    port.on('message', (message: ToWorker) => {
      const answered = answer(service, message);
      if (answered) port.postMessage(answered.reply, answered.transfer);
    });
  }
} else {
  const scope = globalThis as unknown as WebWorkerScope;
  const service = createAnalysisService();
  scope.onmessage = event => {
    const answered = answer(service, event.data);
    if (answered) scope.postMessage(answered.reply, answered.transfer);
  };
}
