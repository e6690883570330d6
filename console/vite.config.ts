// Vite build of the Vigil console: a single-page React app served by the Vigil server at `/`.
// TSX is compiled by Vite's built-in transformer (jsx: react-jsx in tsconfig.json); no React plugin.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      onwarn(warning, warn) {
        // react-router marks its modules "use client" (for React Server Components); harmless in an SPA.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npx vite --config console/vite.config.ts` with a Vigil server on :8080 for live editing.
    proxy: { '/v1': 'http://localhost:8080' },
  },
});
