/** Resolves after letting the page (or worker) handle input and paint between chunks of long work. */
export function yieldToPage(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
