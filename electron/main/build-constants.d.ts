/** Replaced at build time by esbuild's `define` (build/scripts/build-electron.mjs); absent under plain tsx. */
declare const __GLANCE_EMBEDDED_CLIENT__: { clientId: string; clientSecret?: string } | null;
