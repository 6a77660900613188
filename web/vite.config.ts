import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The panel imports the server's pure rules (../src/accounts/rules, billing/rules, policy/rules,
// routing/http-params.ts) so that the forms' inline checks are the API's own; the dev server must
// be allowed to read them.
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    fs: { allow: ['..'] },
    proxy: { '/api': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd and React change less often than the panel: separate files stay cached across releases.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/ },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|dayjs)[\\/]/ },
            { name: 'rules', test: /node_modules[\\/](zod|libphonenumber-js|i18n-iso-countries|decimal\.js)[\\/]/ },
          ],
        },
      },
    },
  },
});
