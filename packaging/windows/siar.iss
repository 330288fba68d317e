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

[Run]
Filename: "{app}\siar.exe"; Description: "{cm:LaunchProgram,Siar}"; Flags: nowait postinstall skipifsilent
