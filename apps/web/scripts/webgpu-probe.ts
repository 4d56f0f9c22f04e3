/**
 * Which WebGPU adapter headless Chromium offers here, under the flag sets worth trying (issue 9 asks
 * to try SwiftShader and lavapipe). Prints one line per flag set. Run:
 * `pnpm --filter ./apps/web webgpu-probe` (CHROMIUM_PATH overrides /usr/bin/chromium).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const LAVAPIPE = { VK_ICD_FILENAMES: '/usr/share/vulkan/icd.d/lvp_icd.json' };
const COMMON = ['--headless=new', '--no-sandbox', '--enable-unsafe-webgpu'];
const VARIANTS: readonly { name: string; args: string[]; env: Record<string, string> }[] = [
  { name: 'SwiftShader (--enable-unsafe-swiftshader)', args: ['--enable-unsafe-swiftshader'], env: {} },
  {
    name: 'lavapipe, Vulkan native',
    args: [
      '--enable-gpu',
      '--ignore-gpu-blocklist',
      '--disable-gpu-sandbox',
      '--use-vulkan=native',
      '--enable-features=Vulkan',
    ],
    env: LAVAPIPE,
  },
  {
    name: 'lavapipe, ANGLE on Vulkan',
    args: [
      '--ignore-gpu-blocklist',
      '--disable-gpu-sandbox',
      '--use-angle=vulkan',
      '--enable-features=Vulkan,DefaultANGLEVulkan,VulkanFromANGLE',
    ],
    env: LAVAPIPE,
  },
  {
    name: 'lavapipe, no software rasterizer',
    args: [
      '--ignore-gpu-blocklist',
      '--disable-gpu-sandbox',
      '--use-webgpu-adapter=default',
      '--disable-software-rasterizer',
      '--enable-features=Vulkan',
    ],
    env: LAVAPIPE,
  },
];

const server = createServer((_req, res) =>
  res.writeHead(200, { 'content-type': 'text/html' }).end('<title>probe</title>'),
);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
for (const variant of VARIANTS) {
  const profile = mkdtempSync(join(tmpdir(), 'webgpu-probe-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium',
    headless: true,
    args: [...COMMON, ...variant.args],
    env: { ...process.env, ...variant.env } as Record<string, string>,
  });
  const page = await context.newPage();
  await page.goto(url);
  const found = await page.evaluate(async () => {
    if (!('gpu' in navigator)) return 'no navigator.gpu';
    const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return 'no adapter';
    const { vendor, architecture, description } = adapter.info;
    return (
      `${vendor} ${architecture} ${description}`.trim() + (adapter.info.isFallbackAdapter ? ' (fallback adapter)' : '')
    );
  });
  console.log(`${variant.name}: ${found}`);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
server.close();
