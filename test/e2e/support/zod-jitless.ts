/**
 * Imported first by the fake bridge: zod compiles its parsers with `new Function` when it is allowed at the
 * time the schemas are built. The init script runs before the renderer page's CSP (no 'unsafe-eval') applies,
 * so zod would decide it may, and every parse after the page loads would throw. Interpreted parsers never eval.
 */
import { z } from 'zod';

z.config({ jitless: true });
