; Inno Setup script for Windows: installs the PyInstaller folder (dist\siar) per user,
; with Start menu and optional desktop shortcuts. Build: make package (on Windows), then
;   iscc packaging\windows\siar.iss
#define AppName "Siar"
#define AppVersion "0.1.0"
#define AppId "id.siar.Siar"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Siar developers
DefaultDirName={localappdata}\Programs\Siar
DefaultGroupName=Siar
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=Siar-{#AppVersion}-setup
SetupIconFile=..\..\composer\assets\icons\siar.ico
UninstallDisplayIcon={app}\siar.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "indonesian"; MessagesFile: "compiler:Languages\Indonesian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\siar\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Siar"; Filename: "{app}\siar.exe"; AppUserModelID: "{#AppId}"
Name: "{userdesktop}\Siar"; Filename: "{app}\siar.exe"; Tasks: desktopicon; AppUserModelID: "{#AppId}"

[Registry]
; siar:// links: WordPress's Authorize Application page hands the new application password
; back to Siar through siar://wordpress/authorized?… (issue 14). Per user (HKCU), like the
; install itself; removed on uninstall.
Root: HKCU; Subkey: "Software\Classes\siar"; ValueType: string; ValueName: ""; ValueData: "URL:Siar"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\siar"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKCU; Subkey: "Software\Classes\siar\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\siar.exe,0"
Root: HKCU; Subkey: "Software\Classes\siar\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\siar.exe"" ""%1"""

[Run]
Filename: "{app}\siar.exe"; Description: "{cm:LaunchProgram,Siar}"; Flags: nowait postinstall skipifsilent
