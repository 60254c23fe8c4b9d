#!/usr/bin/env node
// Renders every icon Glance ships from ONE source, build/icon.svg (npm run icons):
//   build/icons/png/<size>x<size>.png   Linux (AppImage/deb) and the window icon
//   build/icon.icns, build/icon.ico      macOS bundle and Windows exe/installer (png2icons)
//   build/icon.png                       1024 px, electron-builder's fallback
//   build/icons/tray/                    menu-bar template images (macOS, black + alpha) and the coloured tray icon
//   build/icons/overlay/                 Windows taskbar overlay badges 1…9 and 9+
// The generated files are committed; run this again after changing the SVG.
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const buildDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = (...parts) => join(buildDir, ...parts);

function render(svg, size) {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: size },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}

// The tray mark: envelope + dot as plain shapes. macOS tints template images itself (black + alpha only).
function traySvg(color, dotColor) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
  <rect x="3" y="8" width="22" height="17" rx="3" fill="none" stroke="${color}" stroke-width="2.4"/>
  <path d="M4.5 10 Q14 18.5 23.5 10" fill="none" stroke="${color}" stroke-width="2.4" stroke-linecap="round"/>
  <circle cx="25" cy="8" r="5" fill="${dotColor}"/>
</svg>`;
}

// A Windows taskbar overlay: a red badge with the count, legible at 16 px.
function overlaySvg(label) {
  const fontSize = label.length > 1 ? 17 : 22;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
  <circle cx="16" cy="16" r="15" fill="#e5372b" stroke="#ffffff" stroke-width="2"/>
  <text x="16" y="16" dy="0.36em" text-anchor="middle" font-family="DejaVu Sans, Segoe UI, Arial, sans-serif"
        font-weight="bold" font-size="${fontSize}" fill="#ffffff">${label}</text>
</svg>`;
}

async function main() {
  const source = await readFile(out('icon.svg'), 'utf8');
  await rm(out('icons'), { recursive: true, force: true });
  await mkdir(out('icons', 'png'), { recursive: true });
  await mkdir(out('icons', 'tray'), { recursive: true });
  await mkdir(out('icons', 'overlay'), { recursive: true });

  for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
    await writeFile(out('icons', 'png', `${size}x${size}.png`), render(source, size));
  }
  const master = render(source, 1024);
  await writeFile(out('icon.png'), master);
  const icns = png2icons.createICNS(master, png2icons.BICUBIC, 0);
  const ico = png2icons.createICO(master, png2icons.BICUBIC, 0, false, true);
  if (!icns || !ico) throw new Error('png2icons could not convert build/icon.png');
  await writeFile(out('icon.icns'), icns);
  await writeFile(out('icon.ico'), ico);

  // Tray: @1x is 16 px, @2x 32 px (Electron picks @2x on Retina/HiDPI by file name).
  const template = traySvg('#000000', '#000000');
  const coloured = traySvg('#3a4fd8', '#ff7a45');
  await writeFile(out('icons', 'tray', 'trayTemplate.png'), render(template, 16));
  await writeFile(out('icons', 'tray', 'trayTemplate@2x.png'), render(template, 32));
  await writeFile(out('icons', 'tray', 'tray.png'), render(coloured, 32));
  await writeFile(out('icons', 'tray', 'tray@2x.png'), render(coloured, 64));
  const trayIco = png2icons.createICO(render(coloured, 256), png2icons.BICUBIC, 0, true, false);
  if (!trayIco) throw new Error('png2icons could not make the tray .ico');
  await writeFile(out('icons', 'tray', 'tray.ico'), trayIco);

  for (const label of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9+']) {
    const name = label === '9+' ? '9plus' : label;
    await writeFile(out('icons', 'overlay', `${name}.png`), render(overlaySvg(label), 32));
  }
  console.log('Icons written to build/icon.{png,icns,ico} and build/icons/');
}

await main();
