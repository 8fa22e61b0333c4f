// The console's Chinese glyphs as a small font made at build time: every CJK character the console's
// own texts and the catalogue's requirement names use, cut from the Noto Sans SC the PDFs use (10 MB)
// into a WOFF2 of a few hundred kB. A device with a Chinese system font never loads it (styles.css lists
// the system fonts first); one without any (a headless browser) gets the UI's words at once instead of
// boxes, and only a character outside it (a company's name) makes the browser fetch the full font.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const require = createRequire(import.meta.url);
const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/gu;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The folders whose texts the subset covers: the console's sources and the catalogue's data. */
export const subsetSources = (root: string) => [join(root, 'apps', 'console', 'src'), join(root, 'libs', 'catalogue', 'src')];

export function cjkCharacters(root: string): string {
  const seen = new Set<string>();
  for (const file of subsetSources(root).flatMap(files)) for (const c of readFileSync(file, 'utf8').match(CJK) ?? []) seen.add(c);
  return [...seen].sort().join('');
}

/** Writes the subset into `outDir` before the build reads styles.css, which names it through the alias `@console-cjk`. */
export function cjkSubset(root: string, outDir: string): Plugin {
  return {
    name: 'console-cjk-subset',
    async buildStart() {
      const subsetFont = require('subset-font') as (font: Buffer, text: string, options: { targetFormat: 'woff2' }) => Promise<Buffer>;
      const full = readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, 'console-cjk.woff2'), await subsetFont(full, cjkCharacters(root), { targetFormat: 'woff2' }));
    },
    // Preloaded beside the script, so that it is there before React's first render: text painted while a
    // font is still on its way can stay boxes in headless Chromium even after the font arrived (seen in the
    // screenshots). It costs a device with its own Chinese fonts the subset's size once (cached).
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const asset = Object.values(context.bundle ?? {}).find((file) => file.type === 'asset' && file.names.includes('console-cjk.woff2'));
        return asset ? [{ tag: 'link', attrs: { rel: 'preload', href: `/${asset.fileName}`, as: 'font', type: 'font/woff2', crossorigin: '' }, injectTo: 'head' }] : [];
      },
    },
  };
}
