// Waiting on an analysis that a cancelled request should stop waiting for: shared by the
// extension's store and the language server (their tokens have the same shape).
export interface CancellationLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/** Resolves when `work` settles or `token` is cancelled, whichever comes first. */
export function untilCancelled(work: Promise<void>, token?: CancellationLike): Promise<void> {
  if (!token) return work;
  return new Promise(resolve => {
    const listener = token.onCancellationRequested(() => done());
    const done = () => {
      listener.dispose();
      resolve();
    };
    void work.then(done, done);
  });
}
