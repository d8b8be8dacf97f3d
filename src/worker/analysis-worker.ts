// The analysis worker for the Node extension host (desktop and remote VS Code): bundled as
// dist/analysis-worker.js and started with worker_threads by worker-node.ts. Required on the main
// thread instead (the in-process fallback), it only exports the service. No `vscode` here.
import { isMainThread, parentPort } from 'worker_threads';
import type { ToWorker } from './analysis-protocol';
import { answer, createAnalysisService } from './analysis-service';

export { createAnalysisService };

if (!isMainThread && parentPort) {
  const port = parentPort;
  const service = createAnalysisService();
  port.on('message', (message: ToWorker) => {
    const answered = answer(service, message);
    if (answered) port.postMessage(answered.reply, answered.transfer);
  });
}
