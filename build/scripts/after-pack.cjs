// electron-builder afterPack hook: flips Electron's fuses in the packed binary (before signing), turning
// off ways to run the app as something else and turning on integrity checks.
//   RunAsNode                            off  (ELECTRON_RUN_AS_NODE cannot turn Glance into a Node shell)
//   EnableNodeOptionsEnvironmentVariable off  (NODE_OPTIONS cannot inject code)
//   EnableNodeCliInspectArguments        off  (--inspect cannot attach a debugger)
//   EnableCookieEncryption               on   (cookies encrypted with an OS-keychain key)
//   OnlyLoadAppFromAsar                  on   (no app/ folder beside app.asar is loaded instead)
//   GrantFileProtocolExtraPrivileges     off  (file:// pages get no more than in a browser; Glance's page
//                                             is served from glance://app/, electron/main/app-protocol.ts)
//   EnableEmbeddedAsarIntegrityValidation on macOS and Windows, where electron-builder embeds the
//                                        asar hash; Electron does not support it on Linux.
//
// GLANCE_SMOKE_TEST_BUILD=1 (CI's desktop workflow only, never a release) leaves
// EnableNodeCliInspectArguments on: Playwright's _electron drives the main process through --inspect,
// so the packaged-app smoke test needs it. Every other fuse is flipped as in a release.
// electron-builder loads this hook with require(), so it is CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const path = require('node:path');

/** The file that carries the fuse wire for this platform's packed app. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

function fuseConfig(fuses, electronPlatformName, arch, env = process.env) {
  const smokeTestBuild = env.GLANCE_SMOKE_TEST_BUILD === '1';
  const { FuseVersion, FuseV1Options } = fuses;
  const integrityValidationSupported = ['darwin', 'mas', 'win32'].includes(electronPlatformName);
  return {
    version: FuseVersion.V1,
    // arm64 macOS refuses to run a binary whose ad-hoc signature no longer matches; real signing follows.
    resetAdHocDarwinSignature: electronPlatformName === 'darwin' && arch === 'arm64',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: smokeTestBuild,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    ...(integrityValidationSupported ? { [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true } : {}),
  };
}

// electron-builder passes its Arch enum (a number); name the values the fuses step cares about.
const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

async function afterPack(context) {
  const fuses = await import('@electron/fuses');
  const binary = electronBinaryPath(context);
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  await fuses.flipFuses(binary, fuseConfig(fuses, context.electronPlatformName, arch));
  console.log(`  • fuses flipped in ${path.basename(binary)} (${context.electronPlatformName}/${arch})`);
  if (process.env.GLANCE_SMOKE_TEST_BUILD === '1')
    console.log('  • smoke-test build: --inspect left on for Playwright; do not distribute this build');
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.electronBinaryPath = electronBinaryPath;
module.exports.fuseConfig = fuseConfig;
