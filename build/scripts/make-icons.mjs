// Renders build/icon.svg and build/file-icon.svg to the PNG, ICO and ICNS files electron-builder
// uses, with Debian's Chromium (the same one the tests use). Run after changing either SVG:
//   node build/scripts/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';
import png2icons from 'png2icons';

const dir = path.resolve(import.meta.dirname, '..');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1024, height: 1024 } });

async function render(svg, size) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${fs.readFileSync(path.join(dir, svg), 'utf8').replace('width="1024" height="1024"', `width="${size}" height="${size}"`)}</body></html>`);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) fs.writeFileSync(path.join(dir, 'icons', `${size}x${size}.png`), await render('icon.svg', size));
fs.copyFileSync(path.join(dir, 'icons', '1024x1024.png'), path.join(dir, 'icon.png'));
const fileIcon = await render('file-icon.svg', 1024);
fs.writeFileSync(path.join(dir, 'totalplace.png'), fileIcon);
await browser.close();

const appPng = fs.readFileSync(path.join(dir, 'icon.png'));
fs.writeFileSync(path.join(dir, 'icon.icns'), png2icons.createICNS(appPng, png2icons.BICUBIC, 0));
fs.writeFileSync(path.join(dir, 'icon.ico'), png2icons.createICO(appPng, png2icons.BICUBIC, 0, false, true));
fs.writeFileSync(path.join(dir, 'totalplace.icns'), png2icons.createICNS(fileIcon, png2icons.BICUBIC, 0));
fs.writeFileSync(path.join(dir, 'totalplace.ico'), png2icons.createICO(fileIcon, png2icons.BICUBIC, 0, false, true));
console.log('Icons written to build/');
