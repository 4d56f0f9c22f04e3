/**
 * For the test pages: runs `run` and writes its result (or `{ error }`) as JSON into `#results`,
 * then marks it `data-done="true"`, which the browser tests wait for.
 */
export function reportResult(run: () => Promise<unknown>): void {
  const out = document.querySelector<HTMLPreElement>('#results');
  if (!out) return;
  run()
    .catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }))
    .then((report) => {
      out.textContent = JSON.stringify(report);
      out.dataset['done'] = 'true';
    });
}
