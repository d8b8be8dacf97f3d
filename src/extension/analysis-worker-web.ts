// The analysis worker for the web extension host (vscode.dev, code-server's browser host): bundled
// as the classic script dist/web/analysis-worker.js and started with `new Worker(url)` by
// worker-web.ts. No `vscode` and no Node built-ins here.
import type { ToWorker } from '../worker/analysis-protocol';
import { answer, createAnalysisService } from '../worker/analysis-service';

interface WorkerScope {
  onmessage: ((event: { data: ToWorker }) => void) | null;
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as WorkerScope;
const service = createAnalysisService();
scope.onmessage = event => {
  const answered = answer(service, event.data);
  if (answered) scope.postMessage(answered.reply, answered.transfer);
};
