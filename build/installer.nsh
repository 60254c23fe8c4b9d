; Included by electron-builder's NSIS installer (nsis.include in electron-builder.yml).
; Uninstalling removes the launch-at-login entry Glance wrote with app.setLoginItemSettings: Electron
; names the Run value after the AppUserModelId (electron/main/launch-at-login.ts, APP_USER_MODEL_ID), and
; Windows keeps the Task Manager on/off state under StartupApproved. An update runs the old uninstaller
; too (${isUpdated}); the person's choice stays then.
!macro customUnInstall
  ${ifNot} ${isUpdated}
    DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "org.glance.desktop"
    DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run" "org.glance.desktop"
  ${endIf}
!macroend
