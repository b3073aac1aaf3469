import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The gateway serves dist/ at "/". Built files go under /static/ (not the
// default /assets/, which is the asset store's route in the app).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'static',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:5000', changeOrigin: false },
      '/media': { target: 'http://127.0.0.1:5000', changeOrigin: false },
      '/downloads': { target: 'http://127.0.0.1:5000', changeOrigin: false },
    },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:5000', changeOrigin: false },
      '/media': { target: 'http://127.0.0.1:5000', changeOrigin: false },
      '/downloads': { target: 'http://127.0.0.1:5000', changeOrigin: false },
    },
  },
});
