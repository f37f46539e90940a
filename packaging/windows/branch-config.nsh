; SPDX-License-Identifier: GPL-3.0-or-later
; Pasted by CPack into the NSIS install section (CPACK_NSIS_EXTRA_INSTALL_COMMANDS):
; `/CONFIG=<file>` copies IT's branch configuration to %ProgramData%\Branchline\client.conf.
!include "FileFunc.nsh"
${GetParameters} $R0
ClearErrors
${GetOptions} $R0 "/CONFIG=" $R1
IfErrors branchline_no_config
  IfFileExists "$R1" +3 0
    MessageBox MB_ICONSTOP "Branchline: the branch configuration $R1 does not exist." /SD IDOK
    Abort
  SetShellVarContext all
  CreateDirectory "$APPDATA\Branchline"
  CopyFiles /SILENT "$R1" "$APPDATA\Branchline\client.conf"
branchline_no_config:
