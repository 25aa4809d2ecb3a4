// The dashboard app's build (the repository root's vitest.config.ts is for tests only).
// `npm run build:app` → dashboard/dist/, which the dashboard server serves. In development,
// `npx vite --config dashboard/vite.config.ts` serves the app and forwards /api to a running
// `danvan serve --port 5174`.
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';

/**
 * The app imports constants (GRAINS, KIND_GROUPS, types) from api-contract.ts, whose zod schemas
 * only the server needs. Marking each `z.…` expression pure lets the bundler drop the schemas, and
 * zod with them, when nothing in the app reads them (about 30 KB of gzipped JavaScript).
 */
function contractWithoutZod(): Plugin {
  return {
    name: 'danvan:contract-without-zod',
    enforce: 'pre',
    transform(code, id) {
      if (!id.replace(/\?.*$/, '').endsWith('/dashboard/api-contract.ts')) return null;
      return { code: code.replace(/(?<![\w$.])z\.(?=[a-z])/g, '/*#__PURE__*/ z.'), map: null };
    },
  };
}

const here = fileURLToPath(new URL('.', import.meta.url));
const api = { '/api': { target: 'http://127.0.0.1:5174', changeOrigin: false } };

export default defineConfig({
  // The directory of this file (= 'dashboard' from the repository root, whatever the cwd).
  root: here,
  plugins: [contractWithoutZod(), svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The dashboard must work without the network: nothing is loaded from a CDN, and fonts stay
    // separate files so the browser fetches only the subsets a page uses.
    assetsInlineLimit: 0,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: api,
    // The app imports the shared vocabulary and the API contract from outside dashboard/.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
  preview: { host: '127.0.0.1', port: 5173, proxy: api },
});
