import { describe, expect, it, vi } from 'vitest';
import {
  adoptLoginItemState,
  applyLaunchAtLogin,
  loginItemStateFrom,
  type LoginItemOs,
  type LoginItemState,
} from '../../../electron/main/launch-at-login.js';

/** The OS's login items: the person may change them behind Glance's back; Glance only calls read/write. */
function fakeOs(initial: LoginItemState) {
  let state = { ...initial };
  const writes: boolean[] = [];
  const os: LoginItemOs = {
    read: async () => ({ ...state }),
    write: async (enabled) => {
      writes.push(enabled);
      // macOS 13+: registering asks the person; until they approve, the item is pending.
      state = { enabled, pendingApproval: enabled && initial.pendingApproval };
    },
  };
  return { os, writes, personSets: (next: LoginItemState) => (state = next) };
}

const logger = { info: vi.fn() };

describe('reading the OS login-item state', () => {
  it('macOS: pending approval counts as on (registered) and is reported as pending', () => {
    expect(loginItemStateFrom('darwin', { openAtLogin: false, status: 'requires-approval' })).toEqual({
      enabled: true,
      pendingApproval: true,
    });
    expect(loginItemStateFrom('darwin', { openAtLogin: true, status: 'enabled' })).toEqual({
      enabled: true,
      pendingApproval: false,
    });
    expect(loginItemStateFrom('darwin', { openAtLogin: false, status: 'not-registered' }).enabled).toBe(false);
    expect(loginItemStateFrom('darwin', { openAtLogin: false, status: 'not-found' }).enabled).toBe(false);
  });

  it('Windows: turned off in Task Manager means off, though the Run value is still there', () => {
    expect(loginItemStateFrom('win32', { openAtLogin: true, executableWillLaunchAtLogin: false }).enabled).toBe(false);
    expect(loginItemStateFrom('win32', { openAtLogin: true, executableWillLaunchAtLogin: true }).enabled).toBe(true);
  });

  it('falls back to openAtLogin when the platform field is missing', () => {
    expect(loginItemStateFrom('darwin', { openAtLogin: true }).enabled).toBe(true);
    expect(loginItemStateFrom('linux', { openAtLogin: false }).enabled).toBe(false);
  });
});

describe('start-up adopts the OS state; it never writes the OS', () => {
  it('the person turned it off in System Settings: the setting follows, the OS is left alone', async () => {
    const { os, writes } = fakeOs({ enabled: false, pendingApproval: false });
    const save = vi.fn(async () => {});
    expect(await adoptLoginItemState(true, os, save)).toEqual({ enabled: false, pendingApproval: false });
    expect(save).toHaveBeenCalledWith(false);
    expect(writes).toEqual([]);
  });

  it('the same on both sides: nothing saved, nothing written', async () => {
    const { os, writes } = fakeOs({ enabled: true, pendingApproval: true });
    const save = vi.fn(async () => {});
    expect(await adoptLoginItemState(true, os, save)).toBeNull();
    expect(save).not.toHaveBeenCalled();
    expect(writes).toEqual([]);
  });
});

describe('the person changes the setting in Glance', () => {
  it('writes the OS only when it disagrees', async () => {
    const { os, writes } = fakeOs({ enabled: false, pendingApproval: false });
    expect(await applyLaunchAtLogin(true, os, logger)).toBe('written');
    expect(await applyLaunchAtLogin(true, os, logger)).toBe('already-so');
    expect(await applyLaunchAtLogin(false, os, logger)).toBe('written');
    expect(writes).toEqual([true, false]);
  });

  it('macOS: never registers again while approval is pending', async () => {
    const { os, writes } = fakeOs({ enabled: true, pendingApproval: true });
    expect(await applyLaunchAtLogin(true, os, logger)).toBe('pending-approval');
    expect(writes).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(expect.stringMatching(/Login Items/));
  });

  it('the core echoing the adopted value back does not write either', async () => {
    const { os, writes } = fakeOs({ enabled: false, pendingApproval: false });
    await adoptLoginItemState(true, os, async (enabled) => void (await applyLaunchAtLogin(enabled, os, logger)));
    expect(writes).toEqual([]);
  });
});
