; Windows installer for Caseload Desk (NSIS 3, Unicode).
; Built by build_installer.py:  makensis -DVERSION=x.y.z -DSOURCE=dist\caseload-desk
;                                         -DOUTFILE=dist\caseload-desk-x.y.z-setup.exe -DICON=...
; Installs per user (no admin rights needed) or for all users; silent: /S, with
; /CURRENTUSER or /ALLUSERS. Uninstall silently: "Uninstall Caseload Desk.exe" /S
Unicode true
!ifndef VERSION
  !error "Geef -DVERSION=x.y.z mee"
!endif
!ifndef SOURCE
  !error "Geef -DSOURCE=<map met de PyInstaller-bundel> mee"
!endif
!ifndef OUTFILE
  !define OUTFILE "caseload-desk-${VERSION}-setup.exe"
!endif

!define APPNAME "Caseload Desk"
!define COMPANY "Caseload Desk"
!define UNINSTALLER "Uninstall Caseload Desk.exe"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\CaseloadDesk"

!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_INSTALLMODE_INSTDIR "Caseload Desk"
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!include MultiUser.nsh
!include MUI2.nsh
!include FileFunc.nsh

Name "${APPNAME}"
OutFile "${OUTFILE}"
SetCompressor /SOLID lzma
RequestExecutionLevel user
!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif

; Version shown in the installer's file properties.
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1043 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=1043 "CompanyName" "${COMPANY}"
VIAddVersionKey /LANG=1043 "FileDescription" "Installatie van ${APPNAME}"
VIAddVersionKey /LANG=1043 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1043 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1043 "LegalCopyright" "${COMPANY}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\caseload-desk.exe"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Dutch"

Function .onInit
  !insertmacro MULTIUSER_INIT
FunctionEnd

Function un.onInit
  !insertmacro MULTIUSER_UNINIT
FunctionEnd

Section "Caseload Desk" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File /r "${SOURCE}\*.*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"
  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\caseload-desk.exe"
  CreateShortcut "$SMPROGRAMS\${APPNAME}\${APPNAME} verwijderen.lnk" "$INSTDIR\${UNINSTALLER}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTKEY}" "Publisher" "${COMPANY}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\caseload-desk.exe"
  WriteRegStr SHCTX "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTKEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${UNINSTKEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  ; The program folder only: databases and backups live elsewhere and are never removed.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\caseload-desk.exe"
  Delete "$INSTDIR\caseload-desk-cli.exe"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk"
  Delete "$SMPROGRAMS\${APPNAME}\${APPNAME} verwijderen.lnk"
  RMDir "$SMPROGRAMS\${APPNAME}"
  DeleteRegKey SHCTX "${UNINSTKEY}"
SectionEnd
