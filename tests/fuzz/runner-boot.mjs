// Worker-thread entry: TypeScript through tsx, then the runner (see isolated-import.ts).
import { register } from 'tsx/esm/api';

register();
await import('./import-runner.ts');
