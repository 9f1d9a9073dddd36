// The code under test reads messages in both languages, as workers, the CLI and the server do; the
// page loads English on demand (tests/unit/i18n-loading.test.ts covers that path).
import '../../src/lib/i18n/english';
