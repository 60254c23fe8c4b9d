import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  autostartDir,
  autostartEntry,
  quoteExecArgument,
  setLinuxAutostart,
} from '../../../electron/main/linux-autostart.js';

describe('Linux autostart', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('lives in $XDG_CONFIG_HOME/autostart, else ~/.config/autostart', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/xdg' }, '/home/alex')).toBe('/xdg/autostart');
    expect(autostartDir({}, '/home/alex')).toBe('/home/alex/.config/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'relative' }, '/home/alex')).toBe('/home/alex/.config/autostart');
  });

  it('quotes executables with spaces or shell characters', () => {
    expect(quoteExecArgument('/opt/Glance/glance')).toBe('/opt/Glance/glance');
    expect(quoteExecArgument('/home/alex/Apps/Glance 0.1.0.AppImage')).toBe('"/home/alex/Apps/Glance 0.1.0.AppImage"');
    expect(quoteExecArgument('/tmp/a"$b`c\\d')).toBe('"/tmp/a\\"\\$b\\`c\\\\d"');
  });

  it('writes the entry when enabled and removes it when disabled', async () => {
    dir = await mkdtemp(join(tmpdir(), 'glance-autostart-'));
    const target = join(dir, 'autostart');
    await setLinuxAutostart(true, { dir: target, executable: '/opt/Glance/glance' });
    const entry = await readFile(join(target, 'glance.desktop'), 'utf8');
    expect(entry).toBe(autostartEntry('/opt/Glance/glance'));
    expect(entry).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    expect(entry).toContain('Exec=/opt/Glance/glance\n');
    await setLinuxAutostart(false, { dir: target, executable: '/opt/Glance/glance' });
    expect(existsSync(join(target, 'glance.desktop'))).toBe(false);
    await setLinuxAutostart(false, { dir: target, executable: '/opt/Glance/glance' });
  });
});
