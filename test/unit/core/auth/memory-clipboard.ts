import type { SystemClipboard } from '../../../../electron/core/ports.js';

export type MemoryClipboard = SystemClipboard & { text: string; writes: string[] };

/** A system clipboard in memory: what it holds now, and every text written to it. */
export function memoryClipboard(): MemoryClipboard {
  const clipboard = {
    text: '',
    writes: [] as string[],
    async writeText(text: string) {
      clipboard.text = text;
      clipboard.writes.push(text);
    },
    readText: async () => clipboard.text,
    clear() {
      clipboard.text = '';
    },
  };
  return clipboard;
}
