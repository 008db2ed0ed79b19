#!/usr/bin/env node
// Builds the web app (vite) when web/dist is missing or older than its sources. Used by `npm start` and `npm test`,
// so a fresh checkout serves pages without a separate build step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const built = path.join(web, 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

export function buildWebIfStale() {
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newest(web)) return true;
  console.log('Đang dựng giao diện web (vite build)…');
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  return r.status === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(buildWebIfStale() ? 0 : 1);
